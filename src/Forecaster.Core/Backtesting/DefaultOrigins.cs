namespace Forecaster.Core.Backtesting;

/// <summary>The default protocol: origins spread evenly over the last share of a series, each leaving a full horizon.</summary>
public static class DefaultOrigins
{
    public const int Count = 20;

    public const double TailShare = 0.15;

    /// <summary>
    /// Indices of the last observed value at each origin, ascending and distinct (fewer than <see cref="Count"/> on
    /// short tails).
    /// </summary>
    public static IReadOnlyList<int> Select(int pointCount, int horizon)
    {
        var last = pointCount - 1 - horizon;
        var first = Math.Max(0, pointCount - (int)Math.Ceiling(TailShare * pointCount));
        if (last < first)
        {
            return [];
        }

        return [.. Enumerable.Range(0, Count)
            .Select(i => first + (int)Math.Round((double)i * (last - first) / (Count - 1), MidpointRounding.AwayFromZero))
            .Distinct()];
    }
}
