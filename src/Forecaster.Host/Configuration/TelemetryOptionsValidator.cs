using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new OptionsFailures(TelemetryOptions.SectionName);
        CheckPrefix(failures, nameof(options.PrometheusEndpoint), options.PrometheusEndpoint, "http://127.0.0.1:9464/");
        CheckPrefix(failures, nameof(options.HealthEndpoint), options.HealthEndpoint, "http://127.0.0.1:9465/");
        if (!string.IsNullOrEmpty(options.HealthEndpoint)
            && Uri.TryCreate(options.HealthEndpoint, UriKind.Absolute, out var health)
            && Uri.TryCreate(options.PrometheusEndpoint, UriKind.Absolute, out var prometheus)
            && health.Port == prometheus.Port)
        {
            // Each HttpListener owns its port; a shared one would fail at start-up with a less helpful error.
            failures.Add(nameof(options.HealthEndpoint), options.HealthEndpoint, "must use another port than PrometheusEndpoint");
        }

        if (options.DataLagRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add(nameof(options.DataLagRefreshInterval), options.DataLagRefreshInterval, "must be at least 00:00:01");
        }

        return failures.ToResult();
    }

    private static void CheckPrefix(OptionsFailures failures, string name, string endpoint, string example)
    {
        if (!string.IsNullOrEmpty(endpoint)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && endpoint.EndsWith('/')))
        {
            failures.Add(name, endpoint, $"must be empty (off) or an http:// prefix ending in '/', e.g. '{example}'");
        }
    }
}
