namespace Forecaster.Host.Configuration;

public sealed class TelemetryOptions
{
    public const string SectionName = "Forecaster:Telemetry";

    /// <summary>Prometheus scrape prefix; empty turns the endpoint off (e.g. several instances on one machine).</summary>
    public string PrometheusEndpoint { get; set; } = "http://127.0.0.1:9464/";

    /// <summary>Prefix of the health endpoints (<c>healthz/live</c>, <c>healthz/ready</c>); empty turns them off.</summary>
    public string HealthEndpoint { get; set; } = "http://127.0.0.1:9465/";

    /// <summary>How often the data-lag gauge re-reads the newest source timestamps (one query over every series).</summary>
    public TimeSpan DataLagRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Adds the series key to training metrics; off by default because it multiplies time series.</summary>
    public bool PerSeriesAttributes { get; set; }
}
