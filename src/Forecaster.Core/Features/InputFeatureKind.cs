namespace Forecaster.Core.Features;

/// <summary>
/// Identifies a per-step input column. Persisted in the model file so a stored model rebuilds the same
/// inputs at forecast time; new kinds (seasonal, calendar) get new numbers, never reuse old ones.
/// </summary>
public enum InputFeatureKind
{
    /// <summary>The standardized, clipped return of the step; always the first column.</summary>
    ScaledReturn = 1,
}
