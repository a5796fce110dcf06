using System.Collections.Concurrent;
using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Host.Accuracy;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Forecaster.Host.Startup;
using Forecaster.Host.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Cycle;

/// <summary>
/// A cycle: mark due series, then let this instance's workers claim and train them until none is left
/// unclaimed, then prune old runs. Other instances drain the same queue at the same time; claims in
/// PostgreSQL (SKIP LOCKED plus a lease) keep any series from being trained twice. Nothing is claimed before the
/// <see cref="StartupGate"/> opens: start-up takes the instance lock and then releases every claim held under this
/// instance id as an earlier process's, so a claim made before it would be released mid-run and trained again.
/// </summary>
internal sealed class CycleRunner(
    PriceSource source,
    SeriesScheduler scheduler,
    SeriesProcessor processor,
    RetentionPruner pruner,
    LiveAccuracy accuracy,
    IOptions<ScheduleOptions> schedule,
    IOptions<WorkerOptions> workers,
    IOptions<RetentionOptions> retention,
    InstanceIdentity instance,
    ForecasterTelemetry telemetry,
    CycleActivity activity,
    StartupGate gate,
    TimeProvider time,
    ILogger<CycleRunner> logger) : IDisposable
{
    // One drain per instance at a time: the scheduled cycle and the idle poller share the worker budget.
    private readonly SemaphoreSlim _drainLock = new(1, 1);

    /// <param name="onlySeries">Restricts the cycle to these series (the <c>train --series</c> verb); null for all.</param>
    public async Task<CycleSummary> RunCycleAsync(
        string trigger, IProgress<CycleProgress>? progress, CancellationToken cancellationToken, IReadOnlySet<string>? onlySeries = null)
    {
        await gate.WaitAsync(cancellationToken);
        await _drainLock.WaitAsync(cancellationToken);
        using var pass = activity.Begin();
        try
        {
            var started = time.GetTimestamp();
            using var activity = telemetry.ActivitySource.StartActivity("forecaster.cycle")?.SetTag("forecaster.trigger", trigger);
            if (source.Options != PriceSourceOptions.Default)
            {
                // The default table registers new keys by trigger; a custom source cannot, so new keys are synced here.
                await source.SyncSeriesAsync(cancellationToken);
            }

            // Before marking: what arrived is scored first, so the runs it makes due are judged on it.
            var scoringStarted = time.GetTimestamp();
            var scoring = await accuracy.ScoreAsync(cancellationToken);
            var scoringElapsed = time.GetElapsedTime(scoringStarted);
            var now = UtcNow();
            if (onlySeries is null)
            {
                await scheduler.MarkDueAsync(now, schedule.Value.MaxModelAge, cancellationToken);
            }
            else
            {
                // Asked for by name: trained whether or not anything changed.
                await scheduler.MarkRequestedAsync(onlySeries, now, cancellationToken);
            }
            var active = (await scheduler.ListSeriesAsync(cancellationToken))
                .Where(series => series.Active && (onlySeries is null || onlySeries.Contains(series.SeriesKey)))
                .ToArray();
            var due = active.Count(series => series.NextDueAt <= now);
            var notDue = active.Length - due;
            HostLog.CycleStarted(logger, trigger, due, notDue);

            var results = onlySeries is null
                ? await DrainAsync(due, started, progress, cancellationToken)
                : await TrainSelectedAsync(onlySeries, due, started, progress, cancellationToken);
            var summary = new CycleSummary(results, due, notDue, time.GetElapsedTime(started), scoring, scoringElapsed);
            HostLog.CycleFinished(
                logger, summary.Elapsed, summary.Count(SeriesOutcome.Trained), summary.Count(SeriesOutcome.Failed), summary.Skipped, summary
                    .Count(SeriesOutcome.Cancelled));
            telemetry.RecordCycle(summary.Elapsed, summary.Succeeded && !cancellationToken.IsCancellationRequested);
            await PruneAsync(cancellationToken);
            pass.Completed();
            return summary;
        }
        finally
        {
            _drainLock.Release();
        }
    }

    /// <summary>Trains series that are due but unclaimed, unless this instance is already draining.</summary>
    public async Task<IReadOnlyList<SeriesResult>> DrainIfIdleAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        if (!await _drainLock.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return [];
        }

        using var pass = activity.Begin();
        try
        {
            var results = await DrainAsync(due: 0, time.GetTimestamp(), progress: null, cancellationToken);
            pass.Completed();
            return results;
        }
        finally
        {
            _drainLock.Release();
        }
    }

    public void Dispose() => _drainLock.Dispose();

    private Task<IReadOnlyList<SeriesResult>> DrainAsync(
        int due,
        long started,
        IProgress<CycleProgress>? progress,
        CancellationToken cancellationToken) =>
        RunWorkersAsync(due, started, progress, report => WorkAsync(report, cancellationToken));

    /// <summary>Claims only the selected series, so series outside the selection stay free for other instances throughout.</summary>
    private async Task<IReadOnlyList<SeriesResult>> TrainSelectedAsync(
        IReadOnlySet<string> selected, int due, long started, IProgress<CycleProgress>? progress, CancellationToken cancellationToken)
    {
        var claimed = await scheduler.ClaimDueAsync(
            instance.Id,
            selected.Count,
            workers.Value.LeaseDuration,
            UtcNow(),
            selected,
            cancellationToken);
        var queue = new ConcurrentQueue<SeriesSettings>(claimed);
        return await RunWorkersAsync(due, started, progress, async report =>
        {
            while (queue.TryDequeue(out var series))
            {
                report(await processor.ProcessAsync(series, cancellationToken));
            }
        });
    }

    /// <summary>Runs one <paramref name="work"/> loop per degree of parallelism and gathers what they report.</summary>
    private async Task<IReadOnlyList<SeriesResult>> RunWorkersAsync(
        int due, long started, IProgress<CycleProgress>? progress, Func<Action<SeriesResult>, Task> work)
    {
        var results = new ConcurrentQueue<SeriesResult>();
        var done = 0;
        void Report(SeriesResult result)
        {
            results.Enqueue(result);
            progress?.Report(new CycleProgress(Interlocked.Increment(ref done), due, time.GetElapsedTime(started), result));
        }

        await Task.WhenAll(
            Enumerable.Range(0, workers.Value.DegreeOfParallelism).Select(_ => Task.Run(() => work(Report), CancellationToken.None)));
        return [.. results.OrderBy(result => result.SeriesKey, StringComparer.Ordinal)];
    }

    private async Task WorkAsync(Action<SeriesResult> report, CancellationToken cancellationToken)
    {
        var options = workers.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<SeriesSettings> claimed;
            try
            {
                claimed = await scheduler.ClaimDueAsync(
                    instance.Id,
                    options.ClaimBatchSize,
                    options.LeaseDuration,
                    UtcNow(),
                    cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (claimed.Count == 0)
            {
                return;
            }

            foreach (var series in claimed)
            {
                // Past a stop, the rest of a batch is still processed: each ends at once as cancelled and is released.
                report(await processor.ProcessAsync(series, cancellationToken));
            }
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // A stopping host reports what it did; pruning waits for the next cycle.
            return;
        }

        try
        {
            var policy = new RetentionPolicy(retention.Value.KeepRuns, retention.Value.MaxAge);
            HostLog.Pruned(logger, await pruner.PruneAsync(policy, UtcNow(), cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostLog.PruneFailed(logger, e);
        }
    }

    private DateTime UtcNow() => time.GetUtcNow().UtcDateTime;
}
