using Forecaster.Host.Configuration;
using Forecaster.Host.Health;
using Forecaster.Host.Startup;
using Forecaster.Host.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Forecaster.Host.Telemetry;

/// <summary>
/// The service's one HTTP endpoint, on Kestrel: <c>metrics</c> (Prometheus), <c>healthz/live</c> and <c>healthz/ready</c>
/// under the prefix <see cref="TelemetryOptions.PrometheusEndpoint"/>. A small web application of its own inside the
/// service's host, started first, so probes answer while the service still waits for its database. It serves the
/// host's meter provider and health checks; it adds no lifetime, configuration or logging of its own.
/// </summary>
internal sealed class TelemetryEndpoint(
    IServiceProvider services, IOptions<TelemetryOptions> options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    public const string MetricsPath = "metrics";
    public const string LivePath = "healthz/live";
    public const string ReadyPath = "healthz/ready";
    public const string ReadyTag = "ready";

    private WebApplication? _app;

    /// <exception cref="StartupCheckException">The endpoint cannot listen (the port is taken): a configuration error.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var prefix = options.Value.PrometheusEndpoint;
        if (!Uri.TryCreate(prefix, UriKind.Absolute, out var endpoint))
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls(endpoint.GetLeftPart(UriPartial.Authority));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, HostedLifetime>();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(services.GetRequiredService<HealthCheckService>());
        var web = builder.Build();
        var path = endpoint.AbsolutePath;
        web.MapPrometheusScrapingEndpoint(
            path + MetricsPath,
            services.GetRequiredService<MeterProvider>(),
            configureBranchedPipeline: null,
            optionsName: null);
        web.MapHealthChecks(path + LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        web.MapHealthChecks(
            path + ReadyPath,
            new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync });
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await web.DisposeAsync();

            // Typically a second instance on one machine: say which setting to change.
            throw new StartupCheckException(
                $"the metrics and health endpoint " +
                $"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.PrometheusEndpoint)} = '{prefix}' cannot listen ({e.Message}); " +
                "give each instance its own port, or an empty value to turn the endpoint off.",
                e);
        }

        _app = web;
        HostLog.EndpointListening(
            loggerFactory.CreateLogger<TelemetryEndpoint>(),
            new Uri(endpoint, MetricsPath).ToString(),
            new Uri(endpoint, ReadyPath).ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The service's host owns signals and the service manager; the endpoint only starts and stops with it.</summary>
    private sealed class HostedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
