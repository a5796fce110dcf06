using Forecaster.Host.Configuration;

namespace Forecaster.Host.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private static readonly TelemetryOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid_and_either_endpoint_can_be_turned_off()
    {
        Assert.True(Validator.Validate(null, new TelemetryOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new TelemetryOptions { HealthEndpoint = "", PrometheusEndpoint = "" }).Succeeded);
    }

    [Fact]
    public void Every_bad_telemetry_setting_is_reported_at_once()
    {
        var result = Validator.Validate(null, new TelemetryOptions
        {
            HealthEndpoint = "https://127.0.0.1:9465/healthz",
            DataLagRefreshInterval = TimeSpan.FromMilliseconds(100),
        });

        Assert.Equal(
            [
                "Forecaster:Telemetry:HealthEndpoint = 'https://127.0.0.1:9465/healthz': must be empty (off) or an http:// prefix ending in '/', e.g. 'http://127.0.0.1:9465/'",
                "Forecaster:Telemetry:DataLagRefreshInterval = '00:00:00.1000000': must be at least 00:00:01",
            ],
            result.Failures);
    }

    [Fact]
    public void The_health_endpoint_cannot_share_the_scrape_port()
    {
        var result = Validator.Validate(null, new TelemetryOptions { HealthEndpoint = "http://127.0.0.1:9464/health/" });

        Assert.Equal(["Forecaster:Telemetry:HealthEndpoint = 'http://127.0.0.1:9464/health/': must use another port than PrometheusEndpoint"], result.Failures);
    }
}
