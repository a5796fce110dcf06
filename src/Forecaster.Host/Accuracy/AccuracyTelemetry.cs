using System.Diagnostics;
using System.Diagnostics.Metrics;
using Forecaster.Data.Accuracy;
using Forecaster.Host.Configuration;
using Forecaster.Host.Telemetry;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Accuracy;

/// <summary>
/// The live-accuracy instruments, on the service's one meter (<see cref="ForecasterTelemetry.Name"/>). Each published
/// step counts once, when first scored (or found missing); a revision changes the views, not the counters. Live MASE
/// relative to naive over any window is <c>increase(scaled_error_sum) / increase(naive_scaled_error_sum)</c>, coverage
/// <c>increase(interval_outcomes{covered="true"}) / increase(interval_outcomes)</c>. No series label unless
/// <see cref="TelemetryOptions.PerSeriesAttributes"/> is on.
/// </summary>
public sealed class AccuracyTelemetry
{
    // Scaled errors are |error| / naive's in-sample one-step MAE: around 1 for a random walk one step ahead, more further out.
    private static readonly double[] ScaledErrorBuckets = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20];
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly bool _perSeriesAttributes;
    private int _seriesScored = -1;
    private int _seriesDemoted = -1;

    public AccuracyTelemetry(IMeterFactory meterFactory, IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _perSeriesAttributes = options.Value.PerSeriesAttributes;
        var meter = meterFactory.Create(ForecasterTelemetry.Name);
        ScaledError = meter.CreateHistogram(
            "forecaster.accuracy.scaled_error", "1", "Absolute error of each newly scored published step over its run's naive scale.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScaledErrorBuckets });
        NaiveScaledError = meter.CreateHistogram(
            "forecaster.accuracy.naive_scaled_error", "1", "The naive forecast's scaled error on the same steps (the " +
            "last value at publication).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScaledErrorBuckets });
        Points = meter.CreateCounter<long>(
            "forecaster.accuracy.points",
            "{point}",
            "Published steps whose target was reached, by status (scored, missing).");
        IntervalOutcomes = meter.CreateCounter<long>(
            "forecaster.accuracy.interval_outcomes", "{point}", "Newly scored published steps by interval level and " +
            "whether the actual fell inside.");
        ScoringDuration = meter.CreateHistogram(
            "forecaster.accuracy.scoring.duration", "s", "Wall time of one scoring pass.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        meter.CreateObservableGauge(
            "forecaster.accuracy.series_scored",
            () => Observe(_seriesScored),
            "{series}",
            "Active series with a scored published step in the retained window.");
        meter.CreateObservableGauge(
            "forecaster.accuracy.series_demoted",
            () => Observe(_seriesDemoted),
            "{series}",
            "Series publishing a baseline because the network's live errors were worse than naive's.");
    }

    public Histogram<double> ScaledError { get; }

    public Histogram<double> NaiveScaledError { get; }

    public Counter<long> Points { get; }

    public Counter<long> IntervalOutcomes { get; }

    public Histogram<double> ScoringDuration { get; }

    public void Record(ScoringPass pass, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ScoringDuration.Record(elapsed.TotalSeconds);
        if (!pass.Ran)
        {
            return;
        }

        Volatile.Write(ref _seriesScored, pass.SeriesScored);
        Volatile.Write(ref _seriesDemoted, pass.SeriesDemoted);
        foreach (var point in pass.Changed.Where(point => point.IsPublished && !point.Revised))
        {
            Points.Add(1, Tags(point.SeriesKey, new KeyValuePair<string, object?>("status", point.Status)));
            if (point is { ScaledError: { } scaled, NaiveScaledError: { } naive })
            {
                ScaledError.Record(scaled, Tags(point.SeriesKey));
                NaiveScaledError.Record(naive, Tags(point.SeriesKey));
            }

            RecordInterval(point.SeriesKey, "80", point.Covered80);
            RecordInterval(point.SeriesKey, "95", point.Covered95);
        }
    }

    private void RecordInterval(string seriesKey, string level, bool? covered)
    {
        if (covered is { } inside)
        {
            IntervalOutcomes.Add(1, Tags(
                seriesKey,
                new KeyValuePair<string, object?>("level", level),
                new KeyValuePair<string, object?>("covered", inside ? "true" : "false")));
        }
    }

    private static IEnumerable<Measurement<int>> Observe(int value) => value < 0 ? [] : [new Measurement<int>(value)];

    private TagList Tags(string seriesKey, params ReadOnlySpan<KeyValuePair<string, object?>> extra)
    {
        var tags = new TagList(extra);
        if (_perSeriesAttributes)
        {
            tags.Add("series", seriesKey);
        }

        return tags;
    }
}
