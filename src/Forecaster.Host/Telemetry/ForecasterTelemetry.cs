using System.Diagnostics;
using System.Diagnostics.Metrics;
using Forecaster.Core.Training;
using Forecaster.Data.Access;
using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Telemetry;

/// <summary>
/// The service's only meter and activity source. Instruments are created once here so names, units and
/// bucket boundaries cannot drift between call sites; the meter comes from <see cref="IMeterFactory"/> so
/// two hosts in one process (tests) do not share measurements.
/// </summary>
public sealed class ForecasterTelemetry : IDatabaseFailureObserver, IDisposable
{
    public const string Name = "Forecaster";

    // Training takes from milliseconds (tiny test models) to minutes (long daily series on one core); a
    // cycle can outlast the hourly schedule, which the top buckets must still tell apart.
    private static readonly double[] SecondsBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];
    private static readonly double[] EpochBuckets = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    private static readonly double[] WindowsPerSecondBuckets = [10, 100, 1_000, 10_000, 100_000, 1_000_000];

    private readonly TimeProvider _timeProvider;
    private readonly bool _perSeriesAttributes;
    private long _lastSuccessfulCycleTimestamp;
    private long _stalestNewestPointTicks;
    private (DateTime NewestPoint, TimeSpan Spacing)[] _spacedSeries = [];

    public ForecasterTelemetry(IMeterFactory meterFactory, TimeProvider timeProvider, IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _perSeriesAttributes = options.Value.PerSeriesAttributes;
        var meter = meterFactory.Create(Name);
        TrainingDuration = meter.CreateHistogram(
            "forecaster.training.duration",
            "s",
            "Wall time of one series' training.",
            advice: Buckets(SecondsBuckets));
        TrainingEpochs = meter.CreateHistogram(
            "forecaster.training.epochs",
            "{epoch}",
            "Epochs run before early stopping.",
            advice: Buckets(EpochBuckets));
        TrainLoss = meter.CreateHistogram<double>("forecaster.training.train_loss", "1", "Final training loss (standardized units).");
        ValidationLoss = meter.CreateHistogram<double>(
            "forecaster.training.validation_loss",
            "1",
            "Best validation loss (standardized units).");
        ValidationMae = meter.CreateHistogram<double>(
            "forecaster.training.validation_mae",
            "1",
            "Validation mean absolute error in price units.");
        ValidationMase = meter.CreateHistogram<double>(
            "forecaster.training.validation_mase",
            "1",
            "Validation MASE against the naive forecast (below 1 beats it).");
        WindowsPerSecond = meter.CreateHistogram(
            "forecaster.training.windows_per_second",
            "{window}/s",
            "Training throughput.",
            advice: Buckets(WindowsPerSecondBuckets));
        SeriesOutcomes = meter.CreateCounter<long>(
            "forecaster.series.outcomes",
            "{series}",
            "Series handled, by outcome (trained, failed, skipped, cancelled).");
        ForecastPoints = meter.CreateCounter<long>("forecaster.forecast.points", "{point}", "Forecast points published.");
        CycleDuration = meter.CreateHistogram(
            "forecaster.cycle.duration",
            "s",
            "Wall time of one cycle on this instance.",
            advice: Buckets(SecondsBuckets));
        meter.CreateObservableGauge(
            "forecaster.cycle.since_last_success",
            ObserveSinceLastSuccess,
            "s",
            "Time since this instance last completed a cycle without failures.");
        meter.CreateObservableGauge(
            "forecaster.data.lag",
            ObserveDataLag,
            "s",
            "Age of the newest source point of the series whose data is oldest.");
        meter.CreateObservableGauge(
            "forecaster.data.relative_lag", ObserveRelativeDataLag, "{interval}",
            "Age of a series' newest source point in its own typical spacings, for the series most overdue (1: on time).");
        DatabaseRetries = meter.CreateCounter<long>("forecaster.db.retries", "{retry}", "Transient database failures retried.");
        DatabaseErrors = meter.CreateCounter<long>(
            "forecaster.db.errors",
            "{error}",
            "Database failures that reached the caller after any retries.");
        ActivitySource = new ActivitySource(Name);
    }

    public ActivitySource ActivitySource { get; }

    public Histogram<double> TrainingDuration { get; }

    public Histogram<double> TrainingEpochs { get; }

    public Histogram<double> TrainLoss { get; }

    public Histogram<double> ValidationLoss { get; }

    public Histogram<double> ValidationMae { get; }

    public Histogram<double> ValidationMase { get; }

    public Histogram<double> WindowsPerSecond { get; }

    public Counter<long> SeriesOutcomes { get; }

    public Counter<long> ForecastPoints { get; }

    public Histogram<double> CycleDuration { get; }

    public Counter<long> DatabaseRetries { get; }

    public Counter<long> DatabaseErrors { get; }

    public Activity? StartSeriesActivity(string seriesKey, string instanceId) => StartActivity("forecaster.series", seriesKey, instanceId);

    /// <summary>Reading the series' history and its previous model: the I/O before training.</summary>
    public Activity? StartReadActivity(string seriesKey, string instanceId) => StartActivity("forecaster.read", seriesKey, instanceId);

    /// <summary>The CPU-bound part of a series, as its own span so traces show training apart from I/O.</summary>
    public Activity? StartTrainingActivity(string seriesKey, string instanceId) =>
        StartActivity("forecaster.training", seriesKey, instanceId);

    /// <summary>The one transaction that makes the run, its forecast and its model visible together.</summary>
    public Activity? StartPublishActivity(string seriesKey, string instanceId) =>
        StartActivity("forecaster.publish", seriesKey, instanceId);

    /// <summary>Counts one series' outcome (the <c>outcome</c> attribute) and the forecast points it published.</summary>
    public void RecordSeries(string seriesKey, string outcome, int forecastPoints)
    {
        SeriesOutcomes.Add(1, Tags(seriesKey, new KeyValuePair<string, object?>("outcome", outcome)));
        if (forecastPoints > 0)
        {
            ForecastPoints.Add(forecastPoints, Tags(seriesKey));
        }
    }

    public void RecordTraining(string seriesKey, TrainingResult training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var tags = Tags(seriesKey);
        TrainingDuration.Record(training.Elapsed.TotalSeconds, tags);
        TrainingEpochs.Record(training.EpochsRun, tags);
        RecordFinite(TrainLoss, training.TrainLoss, tags);
        RecordFinite(ValidationLoss, training.ValidationLoss, tags);
        RecordFinite(ValidationMae, training.ValidationMae, tags);
        RecordFinite(ValidationMase, training.ValidationMase, tags);
        if (training.Elapsed > TimeSpan.Zero)
        {
            WindowsPerSecond.Record(
                (double)training.TrainingWindows * Math.Max(1, training.EpochsRun) / training.Elapsed.TotalSeconds,
                tags);
        }
    }

    public void RecordCycle(TimeSpan elapsed, bool succeeded)
    {
        CycleDuration.Record(elapsed.TotalSeconds);
        if (succeeded)
        {
            Interlocked.Exchange(ref _lastSuccessfulCycleTimestamp, _timeProvider.GetTimestamp());
        }
    }

    /// <summary>
    /// Feeds the data-lag gauges from one reading of the source. Series without data (or, for the relative
    /// gauge, without a spacing) are left out; with none left a gauge reports nothing rather than a made-up age.
    /// </summary>
    public void RecordRecency(IReadOnlyCollection<SeriesRecency> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Interlocked.Exchange(ref _stalestNewestPointTicks, series.Min(s => s.NewestPoint)?.Ticks ?? 0);
        Volatile.Write(ref _spacedSeries, [.. series.SelectMany(Spaced)]);
    }

    public void Retrying(Exception exception) => DatabaseRetries.Add(1, ErrorType(exception));

    public void Failed(Exception exception) => DatabaseErrors.Add(1, ErrorType(exception));

    public void Dispose() => ActivitySource.Dispose();

    // The SQLSTATE (or the exception type for broken connections) tells a restart from a deadlock without per-query cardinality.
    private static KeyValuePair<string, object?> ErrorType(Exception exception) =>
        new("error.type", exception is Npgsql.PostgresException postgres ? postgres.SqlState : exception.GetType().Name);

    private static void RecordFinite(Histogram<double> histogram, double value, TagList tags)
    {
        if (double.IsFinite(value))
        {
            histogram.Record(value, tags);
        }
    }

    private TagList Tags(string seriesKey, params ReadOnlySpan<KeyValuePair<string, object?>> extra)
    {
        var tags = new TagList(extra);
        if (_perSeriesAttributes)
        {
            tags.Add("series", seriesKey);
        }

        return tags;
    }

    // Tags go in at creation so samplers and listeners see them when the activity starts.
    private Activity? StartActivity(string name, string seriesKey, string instanceId) =>
        ActivitySource.StartActivity(
            name,
            ActivityKind.Internal,
            parentContext: default,
            [new("forecaster.series", seriesKey), new("forecaster.instance", instanceId)]);

    private static InstrumentAdvice<double> Buckets(double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };

    private IEnumerable<Measurement<double>> ObserveSinceLastSuccess()
    {
        var last = Interlocked.Read(ref _lastSuccessfulCycleTimestamp);
        return last == 0 ? [] : [new Measurement<double>(_timeProvider.GetElapsedTime(last).TotalSeconds)];
    }

    private IEnumerable<Measurement<double>> ObserveDataLag()
    {
        var ticks = Interlocked.Read(ref _stalestNewestPointTicks);
        return ticks == 0
            ? []
            : [new Measurement<double>((_timeProvider.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc)).TotalSeconds)];
    }

    // Worked out per scrape, not per reading: as the clock runs, a daily series overtakes a monthly one that was
    // further behind at the last reading.
    private IEnumerable<Measurement<double>> ObserveRelativeDataLag()
    {
        var series = Volatile.Read(ref _spacedSeries);
        if (series.Length == 0)
        {
            return [];
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        return [new Measurement<double>(series.Max(s => (now - s.NewestPoint) / s.Spacing))];
    }

    private static IEnumerable<(DateTime NewestPoint, TimeSpan Spacing)> Spaced(SeriesRecency series) =>
        series is { NewestPoint: { } newest, TypicalSpacing: { } spacing } && spacing > TimeSpan.Zero ? [(newest, spacing)] : [];
}
