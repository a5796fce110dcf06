using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new OptionsFailures(TelemetryOptions.SectionName);
        var endpoint = options.PrometheusEndpoint;
        if (!string.IsNullOrEmpty(endpoint)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && endpoint.EndsWith('/')))
        {
            failures.Add(nameof(options.PrometheusEndpoint), endpoint, "must be empty (off) or an http:// prefix ending in '/', e.g. 'http://127.0.0.1:9464/'");
        }

        return failures.ToResult();
    }
}
