using Forecaster.Core.Champion;

namespace Forecaster.Core.Backtesting;

/// <summary>Scores per series, per family (the key before '/') and overall, for every method.</summary>
public static class BacktestSummary
{
    public const string OverallScope = "all";

    public static IReadOnlyList<MethodScore> Build(IReadOnlyList<OriginOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return
        [
            .. outcomes.GroupBy(o => o.SeriesKey, StringComparer.Ordinal).SelectMany(g => Score(g.Key, [.. g])),
            .. outcomes.GroupBy(o => o.SeriesKey.Split('/')[0], StringComparer.Ordinal).SelectMany(g => Score(g.Key, [.. g])),
            .. Score(OverallScope, outcomes),
        ];
    }

    /// <summary>Every method that forecast at all of <paramref name="outcomes"/>, scored over them.</summary>
    public static IEnumerable<MethodScore> Score(string scope, IReadOnlyList<OriginOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            yield break;
        }

        var methods = outcomes.Select(o => o.Forecasts.Keys).Aggregate((a, b) => [.. a.Intersect(b)]).Order(StringComparer.Ordinal);
        var naiveMase = MeanMase(outcomes, ForecastMethod.Naive.Name());
        foreach (var method in methods)
        {
            yield return ScoreMethod(scope, method, outcomes, naiveMase);
        }
    }

    private static MethodScore ScoreMethod(string scope, string method, IReadOnlyList<OriginOutcome> outcomes, double naiveMase)
    {
        double absolute = 0, squared = 0, smape = 0;
        int steps = 0, hits = 0, counted = 0;
        var levels = outcomes[0].Forecasts[method].Intervals.Select(i => i.Level).ToArray();
        var covered = new int[levels.Length];
        foreach (var outcome in outcomes)
        {
            var forecast = outcome.Forecasts[method];
            var actuals = outcome.Actuals;
            for (var k = 0; k < actuals.Count; k++)
            {
                var error = forecast.Values[k] - actuals[k];
                absolute += Math.Abs(error);
                squared += error * error;
            }

            smape += ForecastErrors.Smape(forecast.Values, actuals) * actuals.Count;
            steps += actuals.Count;
            var direction = ForecastErrors.Direction(outcome.OriginValue, forecast.Values, actuals);
            hits += direction.Hits;
            counted += direction.Counted;
            for (var l = 0; l < levels.Length; l++)
            {
                covered[l] += ForecastErrors.Covered(forecast.Intervals[l].Lower, forecast.Intervals[l].Upper, actuals);
            }
        }

        var mase = MeanMase(outcomes, method);
        return new MethodScore(
            scope,
            method,
            outcomes.Count,
            absolute / steps,
            Math.Sqrt(squared / steps),
            smape / steps,
            mase,
            naiveMase > 0 ? mase / naiveMase : double.NaN,
            counted > 0 ? (double)hits / counted : double.NaN,
            [.. levels.Select((level, l) => new IntervalScore(level, (double)covered[l] / steps, MeanMsis(outcomes, method, l)))]);
    }

    private static double MeanMsis(IReadOnlyList<OriginOutcome> outcomes, string method, int level)
    {
        var values = outcomes
            .Where(o => o.Scale > 0)
            .Select(o =>
            {
                var interval = o.Forecasts[method].Intervals[level];
                return ForecastErrors.IntervalScore(interval.Lower, interval.Upper, o.Actuals, interval.Level) / o.Scale;
            })
            .Where(double.IsFinite)
            .ToArray();
        return values.Length > 0 ? values.Average() : double.NaN;
    }

    private static double MeanMase(IReadOnlyList<OriginOutcome> outcomes, string method)
    {
        var values = outcomes
            .Where(o => o.Forecasts.ContainsKey(method))
            .Select(o => ForecastErrors.Mase(o.Forecasts[method].Values, o.Actuals, o.Scale))
            .Where(double.IsFinite)
            .ToArray();
        return values.Length > 0 ? values.Average() : double.NaN;
    }
}
