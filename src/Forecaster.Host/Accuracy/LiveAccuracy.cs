using Forecaster.Core.Accuracy;
using Forecaster.Data.Accuracy;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Accuracy;

/// <summary>
/// The scoring step of a cycle: scores what arrived since the last pass, judges the series whose network got new scores
/// for demotion (<see cref="DemotionPolicy"/>), records the metrics and logs. A failure is logged and left to the next
/// cycle: scoring must never keep series from training.
/// </summary>
internal sealed class LiveAccuracy(
    AccuracyScorer scorer,
    DemotionStore demotions,
    IOptions<DemotionPolicy> policy,
    AccuracyTelemetry telemetry,
    TimeProvider time,
    ILogger<LiveAccuracy> logger)
{
    public async Task<ScoringPass> ScoreAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        ScoringPass pass;
        try
        {
            pass = await scorer.ScoreAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostLog.ScoringFailed(logger, e);
            return ScoringPass.Skipped;
        }

        if (!pass.Ran)
        {
            HostLog.ScoringBusy(logger);
            return pass;
        }

        pass = pass with { SeriesDemoted = pass.SeriesDemoted + await JudgeAsync(pass, cancellationToken) };
        var elapsed = time.GetElapsedTime(started);
        telemetry.Record(pass, elapsed);
        HostLog.Scored(
            logger,
            pass.Count("scored"),
            pass.Count("missing"),
            pass.Count("scored", revised: true),
            pass.SeriesChecked,
            pass.SeriesScored,
            elapsed);
        return pass;
    }

    /// <summary>Whether the series must publish a baseline instead of its network (always false with demotion off).</summary>
    public async Task<bool> IsDemotedAsync(string seriesKey, CancellationToken cancellationToken) =>
        policy.Value.Enabled && await demotions.IsDemotedAsync(seriesKey, cancellationToken);

    /// <summary>Judges every series whose network got a new score; returns the change in demoted series.</summary>
    private async Task<int> JudgeAsync(ScoringPass pass, CancellationToken cancellationToken)
    {
        var rules = policy.Value;
        var judged = pass.Changed.Where(point => point.IsCandidate && point.IsScored).Select(point => point.SeriesKey)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (!rules.Enabled || judged.Length == 0)
        {
            return 0;
        }

        try
        {
            var records = new List<DemotionRecord>();
            foreach (var series in await demotions.ReadEvidenceAsync(judged, rules.Window, cancellationToken))
            {
                var steps = series.Steps.Select(step => new ScoredDifference(step.Step, step.Difference)).ToArray();
                var since = series.Steps.Where(step => step.SinceDemotion).Select(step => new ScoredDifference(step.Step, step.Difference))
                    .ToArray();
                var verdict = rules.Judge(series.DemotedSince is not null, steps, since);
                var comparison = verdict.Comparison;
                records.Add(new DemotionRecord(
                    series.SeriesKey,
                    verdict.Change.ToString().ToLowerInvariant(),
                    comparison.Points,
                    comparison.Statistic,
                    comparison.PValue));
                if (verdict.Change == DemotionChange.Demote)
                {
                    HostLog.Demoted(logger, series.SeriesKey, comparison.Points, comparison.Statistic, comparison.PValue);
                }
                else if (verdict.Change == DemotionChange.Reinstate)
                {
                    HostLog.Reinstated(logger, series.SeriesKey);
                }
            }

            await demotions.RecordAsync(records, time.GetUtcNow().UtcDateTime, cancellationToken);
            return records.Count(r => r.Change == "demote") - records.Count(r => r.Change == "reinstate");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostLog.DemotionFailed(logger, e);
            return 0;
        }
    }
}
