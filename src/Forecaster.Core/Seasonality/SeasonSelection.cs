using Forecaster.Core.Linear;
using Forecaster.Core.Statistics;

namespace Forecaster.Core.Seasonality;

/// <summary>
/// Keeps the candidate cycles that make forecasts better, judged on history alone. Each candidate, shortest first,
/// is added to the seasonal anchors of a short-memory linear model (fewer recent values than the shortest cycle, so
/// no anchor is already among its inputs, and the mean of the longest candidate cycle, with one anchor per cycle, so an
/// anchor is not credited for merely averaging noise) when that lowers its multi-step error significantly: two-fold blocked
/// cross-validation over the training windows, compared by a one-sided Diebold-Mariano test at the configured
/// confidence. A cycle has to earn its place in forecasts at the horizon that matters, not merely show up in an
/// autocorrelation. A candidate needs <see cref="MinimumCycles"/> cycles of history.
/// </summary>
public static class SeasonSelection
{
    /// <summary>Fewer cycles of history cannot tell a season from one odd stretch.</summary>
    public const int MinimumCycles = 3;

    /// <summary>A moderate, fixed relative penalty: the comparison is between anchor sets, not penalties.</summary>
    private const double Penalty = 1e-2;

    /// <summary>Recent values the test model reads at most (fewer than the shortest cycle).</summary>
    private const int MaxTestLags = 8;

    /// <param name="logs">Log values, oldest first.</param>
    /// <param name="lastEnd">Last window end whose targets the test may read (the end of the training windows).</param>
    /// <param name="confidence">One-sided confidence of the test, in (0.5, 1).</param>
    public static IReadOnlyList<Season> Select(
        ReadOnlySpan<double> logs, IReadOnlyList<double> candidates, int lastEnd, int horizon, double confidence)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var count = lastEnd + horizon + 1;
        var eligible = candidates.Order().Select(period => new Season(period)).Where(season =>
            count >= MinimumCycles * season.Lag).ToArray();
        if (eligible.Length == 0)
        {
            return [];
        }

        var lags = Math.Clamp(eligible[0].Lag - 1, 1, MaxTestLags);
        var level = eligible[^1].Lag;
        var widest = new LinearShape(lags, level, [.. eligible.Select(season => new SeasonAnchor(season.Lag, 0))]);
        var firstEnd = widest.FirstEnd;
        var middle = firstEnd + ((lastEnd - firstEnd - horizon) / 2);
        if (middle - firstEnd + 1 < 2 * widest.FeatureCount || lastEnd - (middle + horizon) < middle - firstEnd)
        {
            return [];
        }

        var critical = NormalDistribution.Quantile(confidence);
        var found = new List<Season>();
        foreach (var season in eligible)
        {
            // The kept seasons' patterns average as far back as the candidate's, so a multiple of a kept cycle is not
            // credited with the extra samples of the kept cycle it brings.
            var kept = found.Select(s => new SeasonAnchor(s.Lag, SeasonAnchor.DefaultProfileCycles * season.Lag / s.Lag)).ToArray();
            var without = CrossValidatedLosses(logs, firstEnd, middle, lastEnd, new LinearShape(lags, level, kept), horizon);
            var with = CrossValidatedLosses(logs, firstEnd, middle, lastEnd, new LinearShape(lags, level, [.. kept,
                new SeasonAnchor(season.Lag, 0)]), horizon);
            if (DieboldMariano.Statistic(without, with, horizon) > critical)
            {
                found.Add(season);
            }
        }

        return found;
    }

    /// <summary>
    /// Two-fold blocked cross-validation: fitted on the windows ending up to <paramref name="middle"/> and scored on
    /// those from a horizon later, then the other way round, so every window is scored out of sample.
    /// </summary>
    private static double[] CrossValidatedLosses(ReadOnlySpan<double> logs, int firstEnd, int middle, int lastEnd, LinearShape shape,
        int horizon)
    {
        var secondFirst = middle + horizon;
        var early = RidgeFitter.Fit(logs, firstEnd, middle, shape, horizon, [Penalty]);
        var late = RidgeFitter.Fit(logs, secondFirst, lastEnd, shape, horizon, [Penalty]);
        var losses = new List<double>();
        AddLosses(late, logs, firstEnd, middle, losses);
        AddLosses(early, logs, secondFirst, lastEnd, losses);
        return [.. losses];
    }

    private static void AddLosses(DirectRidge model, ReadOnlySpan<double> logs, int first, int last, List<double> losses)
    {
        Span<double> forecasts = stackalloc double[model.Horizon];
        for (var end = first; end <= last; end++)
        {
            model.ForecastSteps(logs, end, forecasts);
            var sum = 0.0;
            for (var step = 1; step <= model.Horizon; step++)
            {
                sum += Math.Abs(Math.Exp(logs[end + step]) - Math.Exp(forecasts[step - 1]));
            }

            losses.Add(sum / model.Horizon);
        }
    }
}
