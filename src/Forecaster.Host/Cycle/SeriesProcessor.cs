using System.Diagnostics;
using Forecaster.Core.Accuracy;
using Forecaster.Core.Backtesting;
using Forecaster.Core.Champion;
using Forecaster.Core.Models;
using Forecaster.Core.Persistence;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;
using Forecaster.Data.Results;
using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Host.Accuracy;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Forecaster.Host.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Cycle;

/// <summary>
/// One claimed series from start to end: read → clean → infer cadence → train (warm when possible) and
/// weigh against the baselines → forecast with the champion → publish. Whatever happens, the run ends recorded
/// (succeeded, failed, skipped or cancelled)
/// and the claim is given back; an exception never escapes to stop other series.
/// </summary>
internal sealed class SeriesProcessor(
    PriceSource source,
    RunStore runs,
    ModelStore models,
    SeriesScheduler scheduler,
    LiveAccuracy accuracy,
    IOptions<TrainingSettings> training,
    IOptions<ChampionSettings> champion,
    IOptions<SeriesOptions> seriesOptions,
    IOptions<WorkerOptions> workers,
    InstanceIdentity instance,
    ForecasterTelemetry telemetry,
    TimeProvider time,
    ILogger<SeriesProcessor> logger)
{
    // Recording an outcome must outlive the cancellation that caused it, but not hang a stopping host.
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(10);

    public async Task<SeriesResult> ProcessAsync(SeriesSettings series, CancellationToken stopping)
    {
        var key = series.SeriesKey;
        var started = time.GetTimestamp();
        var settings = EffectiveSettings(training.Value, series);
        using var activity = telemetry.StartSeriesActivity(key, instance.Id);
        long runId;
        try
        {
            runId = await runs.StartRunAsync(
                new RunStart(
                    key,
                    instance.Id,
                    UtcNow(),
                    settings.Seed,
                    settings.Window,
                    settings.Horizon,
                    RunParameters.ToJson(settings, seriesOptions.Value)),
                stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await ReleaseAsync(key);
            return telemetry.Record(new SeriesResult(key, SeriesOutcome.Cancelled, null, time.GetElapsedTime(started)));
        }

        var lease = LeaseKeeper.Start(scheduler, instance.Id, key, workers.Value.LeaseDuration, time, stopping);
        var read = new NewestPointRead();
        SeriesResult result;
        try
        {
            result = await TrainAndPublishAsync(series, settings, runId, started, read, lease.Token);
        }
        catch (Exception e) when (lease.Lost && e is OperationCanceledException or LeaseLostException)
        {
            HostLog.LeaseLost(logger, key);
            result = await EndAsync(
                runId,
                key,
                SeriesOutcome.Cancelled,
                "lease_lost",
                "Another instance took over the expired lease.",
                started,
                nextDueAt: null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            HostLog.SeriesCancelled(logger, key, runId);

            // Due again at once: the next instance (or the next start) picks it up without waiting for new data.
            result = await EndAsync(
                runId,
                key,
                SeriesOutcome.Cancelled,
                "cancelled",
                "The service stopped during training.",
                started,
                UtcNow());
        }
        catch (ForecastInputException e)
        {
            var outcome = e.Reason is ForecastInputError.SeriesTooShort or ForecastInputError.InsufficientHistory
                ? SeriesOutcome.Skipped
                : SeriesOutcome.Failed;
            result = await EndAsync(
                runId,
                key,
                outcome,
                ReasonCodes.For(e.Reason),
                e.Message,
                started,
                nextDueAt: null,
                read.Unfit(series));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostLog.SeriesCrashed(logger, key, runId, e);
            result = await EndAsync(
                runId,
                key,
                SeriesOutcome.Failed,
                "error",
                $"{e.GetType().Name}: {e.Message}",
                started,
                nextDueAt: null);
        }
        finally
        {
            await lease.DisposeAsync();
        }

        activity?.SetTag("forecaster.outcome", result.Outcome.ToString());
        return telemetry.Record(result);
    }

    private async Task<SeriesResult> TrainAndPublishAsync(
        SeriesSettings series, TrainingSettings settings, long runId, long started, NewestPointRead read, CancellationToken token)
    {
        var key = series.SeriesKey;
        IReadOnlyList<PricePoint> points;
        ForecastModel? previous;
        bool demoted;
        using (var readActivity = telemetry.StartReadActivity(key, instance.Id))
        {
            points = await source.ReadLastPointsAsync(key, seriesOptions.Value.HistoryPoints, token);
            previous = await LoadPreviousModelAsync(key, token);
            demoted = await accuracy.IsDemotedAsync(key, token);
            readActivity?.SetTag("forecaster.points", points.Count);
        }

        read.Watermark = points.Count > 0 ? points[^1].Timestamp : null;

        var history = SeriesPipeline.Clean(
            points.Select(point => point.Timestamp).ToArray(), points.Select(point => point.Value).ToArray(), seriesOptions.Value.Cleaning);
        if (history.Repaired)
        {
            HostLog.HistoryCleaned(logger, key, history.DroppedInvalid, history.MergedDuplicates);
        }

        var calendar = SeriesCalendar.CadenceOf(series, history.Timestamps);
        SeriesFit fit;
        using (telemetry.StartTrainingActivity(key, instance.Id))
        {
            fit = await Task.Run(
                () => SeriesPipeline.Fit(
                    history.Timestamps,
                    history.Values,
                    settings,
                    champion.Value,
                    previous?.Networks ?? [],
                    token,
                    time,
                    cadence: calendar),
                token);
        }

        var trained = fit.Networks[0];
        var published = fit.Forecast();

        // Live-accuracy demotion overrides the gate's choice of a candidate; the gate's forecast is then scored as a shadow.
        var choice = PublishChoice.Decide(fit.Decision, demoted);
        var forecast = choice.Method == published.Method ? published.Forecast : fit.ForecastWith(choice.Method);
        var shadow = choice.NeedsShadow ? ForecastPoints.From(published.Forecast, published.Targets) : null;
        var cadence = fit.Cadence;

        // The newest point read, even if it was dropped as invalid, so the same bad point does not make the series due forever.
        var watermark = points[^1].Timestamp;
        var publication = new RunPublication(
            runId,
            key,
            instance.Id,
            UtcNow(),
            watermark,
            trained.PointsUsed,
            trained.WarmStarted,
            new RunMetrics(
                trained.EpochsRun,
                trained.TrainLoss,
                trained.ValidationLoss,
                trained.ValidationMae,
                trained.ValidationRmse,
                Finite(trained.ValidationMase),
                choice.Method.Name(),
                Finite(fit.Decision.Margin),
                fit.Model.SeasonalNaiveLag),
            ForecastPoints.From(forecast, published.Targets),
            ModelSerializer.Serialize(fit.Model.WithDataWatermark(watermark)),
            ModelSerializer.CurrentVersion,
            InputsVersion: series.InputsVersion,
            OriginValue: history.Values[^1],
            NaiveScale: Finite(ForecastErrors.InSampleScale(history.Values, trained.PointsUsed)),
            ShadowForecasts: shadow,
            ShadowMethod: shadow is null ? null : published.Method.Name(),
            ReasonCode: choice.ReasonCode);
        using (var publish = telemetry.StartPublishActivity(key, instance.Id))
        {
            publish?.SetTag("forecaster.run_id", runId);
            await runs.PublishRunAsync(publication, token);
        }

        var result = new SeriesResult(
            key,
            SeriesOutcome.Trained,
            runId,
            time.GetElapsedTime(started),
            Epochs: trained.EpochsRun,
            ValidationMase: Finite(trained.ValidationMase),
            WarmStarted: trained.WarmStarted,
            ForecastPoints: forecast.Values.Count,
            Cadence: cadence.Description);
        telemetry.RecordTraining(key, trained);
        HostLog.SeriesTrained(
            logger,
            key,
            result.Elapsed,
            trained.EpochsRun,
            trained.ValidationMase,
            trained.WarmStarted,
            result.ForecastPoints,
            runId);
        return result;
    }

    /// <summary>The stored model to warm-start from; a model that no longer reads (format change, damage) means a cold start.</summary>
    private async Task<ForecastModel?> LoadPreviousModelAsync(string key, CancellationToken token)
    {
        var stored = await models.GetLatestAsync(key, token);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return ModelSerializer.Deserialize(stored.Blob);
        }
        catch (InvalidDataException e)
        {
            HostLog.WarmStartUnreadable(logger, key, stored.Version, e.Message);
            return null;
        }
    }

    private async Task<SeriesResult> EndAsync(
        long runId, string key, SeriesOutcome outcome, string reasonCode, string reason, long started, DateTime? nextDueAt,
        UnfitInputs? unfit = null)
    {
        if (outcome == SeriesOutcome.Skipped)
        {
            HostLog.SeriesSkipped(logger, key, reasonCode, reason);
        }
        else if (outcome == SeriesOutcome.Failed)
        {
            HostLog.SeriesFailed(logger, key, runId, reasonCode, reason);
        }

        var status = outcome switch
        {
            SeriesOutcome.Skipped => RunStatus.Skipped,
            SeriesOutcome.Cancelled => RunStatus.Cancelled,
            _ => RunStatus.Failed,
        };
        try
        {
            using var timeout = new CancellationTokenSource(RecordTimeout, time);
            await runs.MarkRunAsync(
                new RunOutcome(runId, key, instance.Id, status, UtcNow(), reasonCode, reason, nextDueAt, unfit),
                timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HostLog.RecordingFailed(logger, key, e);
        }

        // An unfit skip leaves no run row (the series row records it), so there is no run to point to.
        var keptRunId = unfit is not null && outcome == SeriesOutcome.Skipped ? (long?)null : runId;
        return new SeriesResult(key, outcome, keptRunId, time.GetElapsedTime(started), reasonCode, reason);
    }

    private async Task ReleaseAsync(string key)
    {
        try
        {
            using var timeout = new CancellationTokenSource(RecordTimeout, time);
            await scheduler.ReleaseClaimAsync(instance.Id, key, timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HostLog.RecordingFailed(logger, key, e);
        }
    }

    /// <summary>Service defaults with the series' own overrides from its <c>series</c> row.</summary>
    internal static TrainingSettings EffectiveSettings(TrainingSettings defaults, SeriesSettings series) => defaults with
    {
        Window = series.WindowSize ?? defaults.Window,
        Horizon = series.Horizon ?? defaults.Horizon,
        HiddenSize = series.HiddenSize ?? defaults.HiddenSize,
    };

    private DateTime UtcNow() => time.GetUtcNow().UtcDateTime;

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>The newest source point a run read, for the "unfit" verdict when its data cannot train.</summary>
    private sealed class NewestPointRead
    {
        public DateTime? Watermark { get; set; }

        public UnfitInputs Unfit(SeriesSettings series) => new(series.InputsVersion, Watermark);
    }
}
