using Forecaster.Host.Configuration;

namespace Forecaster.Host.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private static readonly TelemetryOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid_the_endpoint_can_be_turned_off_and_listen_on_every_interface()
    {
        Assert.True(Validator.Validate(null, new TelemetryOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new TelemetryOptions { PrometheusEndpoint = "" }).Succeeded);
        Assert.True(Validator.Validate(null, new TelemetryOptions { PrometheusEndpoint = "http://0.0.0.0:9464/" }).Succeeded);
        Assert.True(Validator.Validate(null, new TelemetryOptions { PrometheusEndpoint = "http://[::]:9464/" }).Succeeded);
    }

    [Fact]
    public void Every_bad_telemetry_setting_is_reported_at_once()
    {
        var result = Validator.Validate(null, new TelemetryOptions
        {
            PrometheusEndpoint = "https://127.0.0.1:9464/metrics",
            DataLagRefreshInterval = TimeSpan.FromMilliseconds(100),
        });

        Assert.Equal(
            [
                "Forecaster:Telemetry:PrometheusEndpoint = 'https://127.0.0.1:9464/metrics': must be empty (off) or an " +
                "http:// prefix ending in '/', e.g. 'http://127.0.0.1:9464/' or 'http://0.0.0.0:9464/' for every interface",
                "Forecaster:Telemetry:DataLagRefreshInterval = '00:00:00.1000000': must be at least 00:00:01",
            ],
            result.Failures);
    }
}
