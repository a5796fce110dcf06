using Forecaster.Core.Champion;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>Binds <see cref="ChampionSettings"/> from <c>Forecaster:Champion</c> and refuses margins outside [0, 1).</summary>
internal sealed class ChampionSettingsValidator : IValidateOptions<ChampionSettings>
{
    public const string SectionName = "Forecaster:Champion";

    public ValidateOptionsResult Validate(string? name, ChampionSettings options)
    {
        var failures = new List<string>();
        if (!(options.MinimumImprovement is >= 0 and < 1))
        {
            failures.Add(
                $"{SectionName}:MinimumImprovement must be in [0, 1) (a share of the baseline's MAE); got {options.MinimumImprovement}.");
        }

        if (options.SeasonLength is < 0)
        {
            failures.Add($"{SectionName}:SeasonLength must be 0 (none) or a lag in observations; got {options.SeasonLength}.");
        }

        if (!(options.SeasonThreshold is > 0 and < 1))
        {
            failures.Add($"{SectionName}:SeasonThreshold must be in (0, 1); got {options.SeasonThreshold}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
