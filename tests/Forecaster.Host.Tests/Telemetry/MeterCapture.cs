using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Forecaster.Host.Telemetry;

namespace Forecaster.Host.Tests.Telemetry;

/// <summary>
/// Every measurement of one host's Forecaster meter. Hosts in parallel tests each have their own meter
/// factory, and the meter's scope is that factory, so other tests' cycles never leak in.
/// </summary>
internal sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public MeterCapture(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == ForecasterTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, hostMeters))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument, string? tag = null, object? tagValue = null) =>
        [.. _measurements.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), tagValue)))
            .Select(m => m.Value)];

    public double Sum(string instrument, string? tag = null, object? tagValue = null) => Values(instrument, tag, tagValue).Sum();

    /// <summary>Runs the observable callbacks now and returns what <paramref name="instrument"/> reported.</summary>
    public IReadOnlyList<double> Observe(string instrument)
    {
        _measurements.Clear();
        _listener.RecordObservableInstruments();
        return Values(instrument);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value)));
}
