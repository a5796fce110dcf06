using System.Globalization;
using Forecaster.Core.Backtesting;
using Forecaster.Core.Champion;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Backtesting;

/// <summary>
/// Backtests every active series in parallel (one series per core) with the service's own reading, cleaning,
/// settings and champion/challenger path; writes one progress line per finished series.
/// </summary>
internal sealed class SeriesBacktester(
    PriceSource source,
    SeriesScheduler scheduler,
    IOptions<TrainingSettings> training,
    IOptions<SeriesOptions> seriesOptions,
    IOptions<ChampionSettings> champion,
    TimeProvider time)
{
    /// <param name="origins">Origins per series from an origins file; null: the default protocol for every series.</param>
    /// <param name="level">The interval level the rows carry; added to the configured levels when missing.</param>
    public async Task<BacktestResult> RunAsync(
        IReadOnlyDictionary<string, IReadOnlyList<OriginSpec>>? origins, double level, TextWriter progress,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var all = await scheduler.ListSeriesAsync(cancellationToken);
        var series = all.Where(s => s.Active && (origins is null || origins.ContainsKey(s.SeriesKey))).ToArray();
        var outcomes = new List<OriginOutcome>();
        var skipped = new List<string>();
        var done = 0;
        var gate = new Lock();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(series, parallel, async (settings, token) =>
        {
            var seriesStarted = time.GetTimestamp();
            var (results, problems) = await BacktestOneAsync(settings, origins?[settings.SeriesKey], level, token);
            lock (gate)
            {
                outcomes.AddRange(results);
                skipped.AddRange(problems);
                done++;
                var champions = string.Join(", ", results.GroupBy(r => r.Champion).Select(g => $"{g.Key.Name()} {g.Count()}"));
                progress.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{done,3}/{series.Length,-3}] {time.GetElapsedTime(started):hh\\:mm\\:ss} {settings.SeriesKey,-34} " +
                    $"{results.Count,3} origins {time.GetElapsedTime(seriesStarted).TotalSeconds,6:F1}s  champion: " +
                    $"{champions}{(problems.Count > 0 ? $"; {problems.Count} skipped" : "")}"));
            }
        });

        var ordered = outcomes.OrderBy(o => o.SeriesKey, StringComparer.Ordinal).ThenBy(o => o.OriginTs).ToArray();
        return new BacktestResult(ordered, skipped, time.GetElapsedTime(started));
    }

    private async Task<(IReadOnlyList<OriginOutcome> Outcomes, IReadOnlyList<string> Skipped)> BacktestOneAsync(
        SeriesSettings settings, IReadOnlyList<OriginSpec>? requested, double level, CancellationToken token)
    {
        var key = settings.SeriesKey;
        var points = await source.ReadPointsAfterAsync(key, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), token);
        var skipped = new List<string>();
        CleanHistory history;
        try
        {
            history = SeriesPipeline.Clean(
                [.. points.Select(p => p.Timestamp)],
                [.. points.Select(p => p.Value)],
                seriesOptions.Value.Cleaning);
        }
        catch (ForecastInputException e)
        {
            return ([], [$"{key}: {e.Message}"]);
        }

        var effective = SeriesProcessor.EffectiveSettings(training.Value, settings);
        effective = effective with { IntervalLevels = [.. effective.IntervalLevels.Append(level).Distinct().Order()] };
        var backtestSeries = new BacktestSeries(key, history.Timestamps, history.Values);
        var plan = requested is null
            ? [.. DefaultOrigins.Select(history.Values.Length, effective.Horizon).Select(index => (index, effective.Horizon))]
            : Locate(history.Timestamps, requested, effective.Horizon, key, skipped);
        var outcomes = await Task.Run(
            () => BacktestRunner.Run(
                backtestSeries,
                plan,
                effective,
                champion.Value,
                (origin, reason) => skipped.Add($"{key} @ {origin:O}: {reason}"),
                token),
            token);
        return (outcomes, skipped);
    }

    /// <summary>Each requested origin as the index of the last observation at or before it, if a full horizon follows.</summary>
    private static List<(int OriginIndex, int Horizon)> Locate(
        DateTime[] timestamps, IReadOnlyList<OriginSpec> requested, int defaultHorizon, string key, List<string> skipped)
    {
        var plan = new List<(int, int)>();
        foreach (var origin in requested)
        {
            var horizon = origin.Horizon ?? defaultHorizon;
            var found = Array.BinarySearch(timestamps, origin.OriginTs);
            var index = found >= 0 ? found : ~found - 1;
            if (index < 0 || index + horizon >= timestamps.Length)
            {
                skipped.Add($"{key} @ {origin.OriginTs:O}: no observation at or before the origin, or fewer than {horizon} after it");
            }
            else
            {
                plan.Add((index, horizon));
            }
        }

        return plan;
    }
}
