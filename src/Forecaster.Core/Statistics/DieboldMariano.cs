namespace Forecaster.Core.Statistics;

/// <summary>
/// The Diebold-Mariano test of equal accuracy for forecasts made at consecutive origins. Each origin's loss covers
/// its h steps, so losses of neighbouring origins share targets: the variance of the mean loss difference is the
/// long-run one (Newey-West, Bartlett weights to lag h − 1).
/// </summary>
public static class DieboldMariano
{
    /// <summary>
    /// The statistic for "the candidate's loss is lower": large and positive when the candidate is reliably better,
    /// near 0 when the difference is noise. Compare with a one-sided normal quantile.
    /// </summary>
    /// <param name="baselineLoss">Per origin, the baseline's loss.</param>
    /// <param name="candidateLoss">Per origin, the candidate's loss on the same targets.</param>
    /// <param name="horizon">Steps each loss covers; origins closer than this share targets.</param>
    public static double Statistic(ReadOnlySpan<double> baselineLoss, ReadOnlySpan<double> candidateLoss, int horizon)
    {
        if (baselineLoss.Length != candidateLoss.Length)
        {
            throw new ArgumentException("Both forecasts need a loss at every origin.", nameof(candidateLoss));
        }

        var n = baselineLoss.Length;
        if (n < 2)
        {
            return 0;
        }

        var differences = new double[n];
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            differences[i] = baselineLoss[i] - candidateLoss[i];
            mean += differences[i];
        }

        mean /= n;
        var variance = LongRunVariance.Bartlett(differences, mean, Math.Min(horizon - 1, n - 1));

        if (!(variance > 0))
        {
            // Identical losses everywhere, or a constant advantage: no noise to weigh the edge against.
            return mean > 0 ? double.PositiveInfinity : mean < 0 ? double.NegativeInfinity : 0;
        }

        return mean / Math.Sqrt(variance / n);
    }
}
