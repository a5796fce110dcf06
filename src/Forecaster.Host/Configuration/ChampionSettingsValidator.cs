using Forecaster.Core.Champion;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>
/// Binds <see cref="ChampionSettings"/> from <c>Forecaster:Champion</c>: margins in [0, 1), confidences strictly between
/// one half (a coin toss) and 1 (a test nothing passes), a combination share in [0, 1], at least two validation origins
/// to judge an edge on, and an ensemble of 1 to <see cref="MaxEnsembleSize"/> networks.
/// </summary>
internal sealed class ChampionSettingsValidator : IValidateOptions<ChampionSettings>
{
    public const string SectionName = "Forecaster:Champion";

    /// <summary>Each network costs a training run per series and cycle; more than this is a typo, not a choice.</summary>
    public const int MaxEnsembleSize = 64;

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

        if (!(options.GateConfidence is > 0.5 and < 1))
        {
            failures.Add($"{SectionName}:GateConfidence must be in (0.5, 1); got {options.GateConfidence}.");
        }

        if (!(options.SeasonalGateConfidence is > 0.5 and < 1))
        {
            failures.Add($"{SectionName}:SeasonalGateConfidence must be in (0.5, 1); got {options.SeasonalGateConfidence}.");
        }

        if (!(options.SeasonalCombination is >= 0 and <= 1))
        {
            failures.Add(
                $"{SectionName}:SeasonalCombination must be in [0, 1] (a share of the way to the candidate); " +
                $"got {options.SeasonalCombination}.");
        }

        if (options.MinimumValidationOrigins < 2)
        {
            failures.Add(
                $"{SectionName}:MinimumValidationOrigins must be at least 2 (an edge's variance needs two origins); " +
                $"got {options.MinimumValidationOrigins}.");
        }

        if (!(options.SeasonConfidence is > 0.5 and < 1))
        {
            failures.Add($"{SectionName}:SeasonConfidence must be in (0.5, 1); got {options.SeasonConfidence}.");
        }

        if (options.EnsembleSize is < 1 or > MaxEnsembleSize)
        {
            failures.Add($"{SectionName}:EnsembleSize must be 1 to {MaxEnsembleSize} networks; got {options.EnsembleSize}.");
        }

        if (options.SeasonCandidates.Any(period => !(period >= 2 && double.IsFinite(period))))
        {
            failures.Add(
                $"{SectionName}:SeasonCandidates must be periods of at least 2 observations; " +
                $"got [{string.Join(", ", options.SeasonCandidates)}].");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
