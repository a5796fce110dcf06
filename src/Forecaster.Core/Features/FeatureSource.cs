using Forecaster.Core.Scaling;

namespace Forecaster.Core.Features;

/// <summary>
/// What a feature provider may read about the series: one row per step, where step s is the move from
/// observation s to observation s+1 of <see cref="Levels"/>. A ref struct so further inputs can be added as
/// fields without changing any provider's signature.
/// </summary>
public readonly ref struct FeatureSource
{
    public FeatureSource(ReadOnlySpan<double> levels, SeriesScaler scaler, ReadOnlySpan<DateTime> timestamps)
    {
        Levels = levels;
        Scaler = scaler;
        Timestamps = timestamps;
    }

    /// <summary>UTC stamps of the observations behind <see cref="Levels"/>; empty when the caller has none.</summary>
    public ReadOnlySpan<DateTime> Timestamps { get; }

    /// <summary>Values in the scaler's level space (ln v for log scaling).</summary>
    public ReadOnlySpan<double> Levels { get; }

    public SeriesScaler Scaler { get; }

    public int StepCount => Levels.Length - 1;
}
