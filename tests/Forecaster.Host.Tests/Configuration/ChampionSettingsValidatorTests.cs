using Forecaster.Core.Champion;
using Forecaster.Host.Configuration;

namespace Forecaster.Host.Tests.Configuration;

public sealed class ChampionSettingsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new ChampionSettingsValidator().Validate(null, new ChampionSettings()).Succeeded);
    }

    [Fact]
    public void Every_bad_value_is_named_at_once()
    {
        var result = new ChampionSettingsValidator().Validate(
            null,
            new ChampionSettings { MinimumImprovement = 1, SeasonLength = -1, SeasonThreshold = 0 });

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, failure => failure.Contains("Forecaster:Champion:MinimumImprovement", StringComparison.Ordinal));
    }
}
