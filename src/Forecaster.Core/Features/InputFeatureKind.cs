namespace Forecaster.Core.Features;

/// <summary>
/// Identifies a per-step input column. Persisted in the model file so a stored model rebuilds the same
/// inputs at forecast time; new kinds (seasonal, calendar) get new numbers, never reuse old ones.
/// </summary>
public enum InputFeatureKind
{
    /// <summary>The standardized, clipped return of the step; always the first column.</summary>
    ScaledReturn = 1,

    /// <summary>Sine and cosine of the month of the step's closing observation (yearly cycles of monthly and quarterly data).</summary>
    MonthOfYear = 2,

    /// <summary>
    /// Sine and cosine of the hour of the week of the step's closing observation (daily and weekly cycles of intraday
    /// data).
    /// </summary>
    HourOfWeek = 3,
}
