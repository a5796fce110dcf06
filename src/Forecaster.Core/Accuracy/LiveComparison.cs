using Forecaster.Core.Statistics;

namespace Forecaster.Core.Accuracy;

/// <summary>
/// Whether a forecast's live errors are worse than naive's on the same steps beyond noise: the one-sided Diebold–Mariano
/// test on the loss differential d = |e_forecast| − |e_naive| (in naive-scale units, so steps of one series weigh alike),
/// with the Harvey–Leybourne–Newbold small-sample correction and Student t with n − 1 degrees of freedom. Steps of
/// overlapping multi-step forecasts are correlated, so the variance of the mean takes the autocovariances up to lag
/// h − 1 (h: the largest step), as the test prescribes for h-step forecasts.
/// </summary>
public sealed record LiveComparison(int Points, double MeanDifference, double Statistic, double PValue)
{
    /// <param name="differences">d per scored step, in target order.</param>
    /// <param name="horizon">The largest step among them (1 for one-step forecasts).</param>
    public static LiveComparison Test(IReadOnlyList<double> differences, int horizon)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizon);
        var n = differences.Count;
        if (n < 2)
        {
            return new LiveComparison(n, n == 1 ? differences[0] : double.NaN, double.NaN, double.NaN);
        }

        var mean = differences.Average();
        var values = differences as double[] ?? [.. differences];
        var variance = LongRunVariance.Autocovariance(values, mean, 0);
        var longRun = LongRunVariance.Truncated(values, mean, Math.Min(horizon - 1, n - 1));

        // A negative long-run estimate (possible with few points) falls back to the plain variance.
        if (longRun <= 0)
        {
            longRun = variance;
        }

        if (longRun <= 0)
        {
            // Identical differences: no noise at all, so any nonzero mean is decisive.
            var sure = mean > 0 ? 0.0 : 1.0;
            return new LiveComparison(n, mean, mean == 0 ? 0 : Math.CopySign(double.PositiveInfinity, mean), mean == 0 ? 0.5 : sure);
        }

        var dm = mean / Math.Sqrt(longRun / n);
        var h = horizon;
        var correction = Math.Sqrt(Math.Max(0, (n + 1 - (2 * h) + ((double)h * (h - 1) / n)) / n));
        var statistic = dm * correction;
        return new LiveComparison(n, mean, statistic, StudentT.UpperTail(statistic, n - 1));
    }
}
