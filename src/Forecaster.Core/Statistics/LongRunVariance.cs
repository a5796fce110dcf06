namespace Forecaster.Core.Statistics;

/// <summary>
/// The variance behind a mean of serially correlated values, such as loss differences of overlapping multi-step
/// forecasts: the autocovariances up to a lag, weighted. Both Diebold-Mariano tests of the project (the gate's and
/// live accuracy's) build on it.
/// </summary>
internal static class LongRunVariance
{
    /// <summary>Newey-West: Bartlett weights 1 − lag / (lags + 1), so the estimate is never negative.</summary>
    public static double Bartlett(ReadOnlySpan<double> values, double mean, int lags)
    {
        var variance = Autocovariance(values, mean, 0);
        for (var lag = 1; lag <= lags; lag++)
        {
            variance += 2 * (1 - (lag / (lags + 1.0))) * Autocovariance(values, mean, lag);
        }

        return variance;
    }

    /// <summary>Equal weights up to <paramref name="lags"/>, as Diebold and Mariano wrote the test; negative with few values.</summary>
    public static double Truncated(ReadOnlySpan<double> values, double mean, int lags)
    {
        var variance = Autocovariance(values, mean, 0);
        for (var lag = 1; lag <= lags; lag++)
        {
            variance += 2 * Autocovariance(values, mean, lag);
        }

        return variance;
    }

    public static double Autocovariance(ReadOnlySpan<double> values, double mean, int lag)
    {
        var sum = 0.0;
        for (var t = lag; t < values.Length; t++)
        {
            sum += (values[t] - mean) * (values[t - lag] - mean);
        }

        return sum / values.Length;
    }
}
