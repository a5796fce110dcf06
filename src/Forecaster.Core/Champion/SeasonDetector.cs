namespace Forecaster.Core.Champion;

/// <summary>
/// Finds a season from history alone: the candidate lag at which one-step changes correlate most with the
/// changes one lag earlier, if that correlation clears a threshold. Changes rather than values, so a trend
/// does not pass for a season; at least three seasons of history, so one odd year does not either.
/// </summary>
public static class SeasonDetector
{
    /// <returns>The season length, or 0 when no candidate qualifies.</returns>
    public static int Detect(ReadOnlySpan<double> values, IReadOnlyList<int> candidates, double threshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (values.Length < 3)
        {
            return 0;
        }

        var changes = new double[values.Length - 1];
        for (var t = 0; t < changes.Length; t++)
        {
            changes[t] = values[t + 1] - values[t];
        }

        var best = 0;
        var bestCorrelation = threshold;
        foreach (var lag in candidates)
        {
            if (lag < 2 || changes.Length < 3 * lag)
            {
                continue;
            }

            var correlation = Autocorrelation(changes, lag);
            if (correlation > bestCorrelation)
            {
                best = lag;
                bestCorrelation = correlation;
            }
        }

        return best;
    }

    internal static double Autocorrelation(ReadOnlySpan<double> x, int lag)
    {
        var mean = 0.0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        double numerator = 0, denominator = 0;
        for (var t = 0; t < x.Length; t++)
        {
            var d = x[t] - mean;
            denominator += d * d;
            if (t >= lag)
            {
                numerator += d * (x[t - lag] - mean);
            }
        }

        return denominator > 0 ? numerator / denominator : 0;
    }
}
