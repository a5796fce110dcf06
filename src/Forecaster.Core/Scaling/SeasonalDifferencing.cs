namespace Forecaster.Core.Scaling;

/// <summary>
/// Lets the network model a seasonal series as its change against the same phase one season earlier. With lag
/// s the network sees the levels <c>D[i] = L[i+s] − L[i]</c>, so its "no change" output forecasts the value one
/// season before the target moved by the latest year-on-year change: seasonal naive with the current growth.
/// In log space that growth is multiplicative, which is what a trending multiplicative season needs.
/// </summary>
public static class SeasonalDifferencing
{
    /// <summary>The levels the network is trained on; <paramref name="levels"/> itself when <paramref name="lag"/> is 0.</summary>
    public static double[] Apply(ReadOnlySpan<double> levels, int lag)
    {
        if (lag == 0)
        {
            return levels.ToArray();
        }

        var differenced = new double[levels.Length - lag];
        for (var i = 0; i < differenced.Length; i++)
        {
            differenced[i] = levels[i + lag] - levels[i];
        }

        return differenced;
    }

    /// <summary>
    /// The price a zero network output forecasts <paramref name="step"/> (1 ≤ step ≤ lag) observations after
    /// <paramref name="end"/>: the last value without a lag, else the value a season before the target carried
    /// forward by the last seasonal change (a ratio for log scaling, a difference otherwise).
    /// </summary>
    public static double Base(ReadOnlySpan<double> values, int end, int step, int lag, ScalingKind kind)
    {
        if (lag == 0)
        {
            return values[end];
        }

        var seasonAgo = values[end + step - lag];
        return kind == ScalingKind.LogReturns
            ? seasonAgo * (values[end] / values[end - lag])
            : seasonAgo + (values[end] - values[end - lag]);
    }
}
