namespace Forecaster.Host.Tests.Telemetry;

/// <summary>
/// OpenTelemetry's MeterProvider subscribes to meters by name, so a scrape sees every host in the process that
/// uses the "Forecaster" meter. Tests that assert exact exported totals run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}
