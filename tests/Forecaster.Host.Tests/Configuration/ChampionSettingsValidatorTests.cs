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
            new ChampionSettings
            {
                MinimumImprovement = 1,
                SeasonLength = -1,
                GateConfidence = 0.5,
                SeasonalGateConfidence = double.NaN,
                SeasonalCombination = 1.01,
                MinimumValidationOrigins = 1,
                SeasonConfidence = 1,
                EnsembleSize = 0,
                SeasonCandidates = [24, 1.5],
            });

        string[] named =
        [
            "MinimumImprovement", "SeasonLength", "GateConfidence", "SeasonalGateConfidence", "SeasonalCombination",
            "MinimumValidationOrigins", "SeasonConfidence", "EnsembleSize", "SeasonCandidates",
        ];
        Assert.Equal(named.Length, result.Failures!.Count());
        Assert.All(named, setting => Assert.Contains(
            result.Failures!, failure => failure.StartsWith($"Forecaster:Champion:{setting} ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0.95, 0.95, 1, 0, 2)]
    [InlineData(0.51, 0.99, 64, 1, 500)]
    public void Confidences_inside_the_open_range_and_sensible_ensembles_are_accepted(
        double gate, double season, int ensemble, double combination, int origins)
    {
        var settings = new ChampionSettings
        {
            GateConfidence = gate, SeasonConfidence = season, EnsembleSize = ensemble, SeasonalCombination = combination,
            MinimumValidationOrigins = origins,
        };

        Assert.True(new ChampionSettingsValidator().Validate(null, settings).Succeeded);
    }
}
