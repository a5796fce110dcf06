namespace Forecaster.Host.Configuration;

public sealed class TelemetryOptions
{
    public const string SectionName = "Forecaster:Telemetry";

    /// <summary>
    /// Prefix of the service's HTTP endpoint: <c>metrics</c> (Prometheus), <c>healthz/live</c> and <c>healthz/ready</c>.
    /// <c>0.0.0.0</c> or <c>[::]</c> listens on every interface (containers); empty turns the endpoint off.
    /// </summary>
    public string PrometheusEndpoint { get; set; } = "http://127.0.0.1:9464/";

    /// <summary>How often the data-lag gauge re-reads the newest source timestamps (one query over every series).</summary>
    public TimeSpan DataLagRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Adds the series key to training metrics; off by default because it multiplies time series.</summary>
    public bool PerSeriesAttributes { get; set; }
}
