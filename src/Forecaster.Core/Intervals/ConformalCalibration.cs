namespace Forecaster.Core.Intervals;

/// <summary>
/// Split-conformal interval radii per level and step, in standardized target units (so they transfer to
/// any price level). Calibrated on the validation tail with the restored best weights; because that tail
/// also chose the stopping epoch, coverage can be slightly optimistic on very short tails.
/// </summary>
public sealed class ConformalCalibration
{
    private readonly double[] _levels;
    private readonly double[] _radii;

    public ConformalCalibration(IReadOnlyList<double> levels, int horizon, ReadOnlySpan<double> radii)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (radii.Length != levels.Count * horizon)
        {
            throw new ArgumentException("Need one radius per level and step.", nameof(radii));
        }

        _levels = [.. levels];
        _radii = radii.ToArray();
        Horizon = horizon;
    }

    public IReadOnlyList<double> Levels => _levels;

    public int Horizon { get; }

    /// <summary>All radii, level-major: [level][step].</summary>
    public ReadOnlySpan<double> Radii => _radii;

    public double Radius(int levelIndex, int stepIndex) => _radii[(levelIndex * Horizon) + stepIndex];

    /// <summary>
    /// For each step, the ⌈(n+1)·level⌉-th smallest absolute residual of n validation windows (the largest
    /// one when that rank exceeds n: too few windows for the level to be guaranteed).
    /// </summary>
    public static ConformalCalibration Fit(
        IReadOnlyList<double> levels,
        int horizon,
        ReadOnlySpan<float> predictions,
        ReadOnlySpan<float> targets)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var count = targets.Length / horizon;
        var residuals = new double[count];
        var radii = new double[levels.Count * horizon];
        for (var k = 0; k < horizon; k++)
        {
            for (var i = 0; i < count; i++)
            {
                residuals[i] = Math.Abs((double)targets[(i * horizon) + k] - predictions[(i * horizon) + k]);
            }

            Array.Sort(residuals);
            for (var l = 0; l < levels.Count; l++)
            {
                var rank = ConformalRank.Ceiling((count + 1) * levels[l]);
                radii[(l * horizon) + k] = residuals[Math.Clamp(rank, 1, count) - 1];
            }
        }

        return new ConformalCalibration(levels, horizon, radii);
    }
}
