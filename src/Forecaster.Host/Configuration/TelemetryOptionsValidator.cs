using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new OptionsFailures(TelemetryOptions.SectionName);
        CheckPrefix(failures, nameof(options.PrometheusEndpoint), options.PrometheusEndpoint, "http://127.0.0.1:9464/");
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
            failures.Add(
                name,
                endpoint,
                $"must be empty (off) or an http:// prefix ending in '/', e.g. '{example}' or 'http://0.0.0.0:9464/' for every interface");
        }
    }
}
