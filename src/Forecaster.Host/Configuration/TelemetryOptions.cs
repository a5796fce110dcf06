namespace Forecaster.Host.Configuration;

public sealed class TelemetryOptions
{
    public const string SectionName = "Forecaster:Telemetry";

    /// <summary>Prometheus scrape prefix; empty turns the endpoint off (e.g. several instances on one machine).</summary>
    public string PrometheusEndpoint { get; set; } = "http://127.0.0.1:9464/";

    /// <summary>Adds the series key to training metrics; off by default because it multiplies time series.</summary>
    public bool PerSeriesAttributes { get; set; }
}
