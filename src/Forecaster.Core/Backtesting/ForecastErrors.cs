namespace Forecaster.Core.Backtesting;

/// <summary>The per-origin accuracy measures; summaries average them over origins.</summary>
public static class ForecastErrors
{
    /// <summary>Mean absolute one-step change over the last <paramref name="window"/> points: the in-sample naive MAE.</summary>
    public static double InSampleScale(ReadOnlySpan<double> history, int window)
    {
        var tail = history[Math.Max(0, history.Length - window)..];
        var sum = 0.0;
        for (var t = 1; t < tail.Length; t++)
        {
            sum += Math.Abs(tail[t] - tail[t - 1]);
        }

        return tail.Length > 1 ? sum / (tail.Length - 1) : double.NaN;
    }

    /// <summary>MAE over the steps divided by <paramref name="scale"/>; NaN when the scale is 0 (a flat history).</summary>
    public static double Mase(IReadOnlyList<double> forecasts, IReadOnlyList<double> actuals, double scale) =>
        scale > 0 ? Mae(forecasts, actuals) / scale : double.NaN;

    public static double Mae(IReadOnlyList<double> forecasts, IReadOnlyList<double> actuals) =>
        Enumerable.Range(0, actuals.Count).Average(k => Math.Abs(forecasts[k] - actuals[k]));

    /// <summary>Symmetric MAPE in percent, 200·|F−A|/(|F|+|A|) per step; a step where both are 0 counts as exact.</summary>
    public static double Smape(IReadOnlyList<double> forecasts, IReadOnlyList<double> actuals) =>
        Enumerable.Range(0, actuals.Count).Average(k =>
        {
            var denominator = Math.Abs(forecasts[k]) + Math.Abs(actuals[k]);
            return denominator > 0 ? 200 * Math.Abs(forecasts[k] - actuals[k]) / denominator : 0;
        });

    /// <summary>
    /// Steps whose forecast moves in the actual direction from the origin value, out of the steps where both the
    /// forecast and the actual move at all ("no change" calls no direction, so naive is never counted).
    /// </summary>
    public static (int Hits, int Counted) Direction(double originValue, IReadOnlyList<double> forecasts, IReadOnlyList<double> actuals)
    {
        int hits = 0, counted = 0;
        for (var k = 0; k < actuals.Count; k++)
        {
            var predicted = Math.Sign(forecasts[k] - originValue);
            var actual = Math.Sign(actuals[k] - originValue);
            if (predicted != 0 && actual != 0)
            {
                counted++;
                hits += predicted == actual ? 1 : 0;
            }
        }

        return (hits, counted);
    }

    /// <summary>
    /// Mean interval score over the steps, unscaled: width, plus 2/α times the distance of each actual outside its
    /// central interval of coverage <paramref name="level"/> (α = 1 − level). Divided by the MASE scale it is the M4 MSIS.
    /// </summary>
    public static double IntervalScore(IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actuals,
        double level)
    {
        var penalty = 2 / (1 - level);
        return Enumerable.Range(0, actuals.Count).Average(k =>
            upper[k] - lower[k]
            + (penalty * Math.Max(0, lower[k] - actuals[k]))
            + (penalty * Math.Max(0, actuals[k] - upper[k])));
    }

    /// <summary>Actuals inside their closed interval [lower, upper].</summary>
    public static int Covered(IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<double> actuals) =>
        Enumerable.Range(0, actuals.Count).Count(k => lower[k] <= actuals[k] && actuals[k] <= upper[k]);
}
