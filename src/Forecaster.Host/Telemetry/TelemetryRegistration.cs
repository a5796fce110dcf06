using Forecaster.Host.Configuration;
using Forecaster.Host.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Forecaster.Host.Telemetry;

internal static class TelemetryRegistration
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // A probe answers within its own timeout (Docker's HEALTHCHECK allows 5 s), never after the retry pipeline's backoff.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);

    /// <summary>
    /// OTLP (metrics, traces and logs) only when a collector address
    /// is given (the exporter would otherwise retry against localhost forever), plus Npgsql and runtime instrumentation.
    /// </summary>
    public static IServiceCollection AddForecasterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exportOtlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        services.AddSingleton<ForecasterTelemetry>();
        services.AddSingleton<DataLagMonitor>();
        var openTelemetry = services.AddOpenTelemetry();
        openTelemetry
            .ConfigureResource(resource => resource.AddService("forecaster"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ForecasterTelemetry.Name, "Quartz").AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ForecasterTelemetry.Name).AddNpgsql();
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        if (exportOtlp)
        {
            // Each record carries the trace and span active when it was written, so the collector links logs to traces.
            openTelemetry.WithLogging(logging => logging.AddOtlpExporter(), options => options.IncludeScopes = true);
        }

        return services;
    }

    /// <summary>
    /// The long-running parts of telemetry, for the service only: one-shot verbs (migrate, import, train) run beside a
    /// service on the same machine, or before the schema exists, and must neither bind its port nor probe or poll.
    /// The endpoint (metrics and health) starts first, so probes answer while the rest of the service starts.
    /// </summary>
    public static IServiceCollection AddTelemetryServices(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, TelemetryEndpoint>());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddPrometheusExporter());
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [TelemetryEndpoint.ReadyTag], timeout: ProbeTimeout)
            .AddCheck<MigrationLevelHealthCheck>("migration_level", tags: [TelemetryEndpoint.ReadyTag], timeout: ProbeTimeout)
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [TelemetryEndpoint.ReadyTag], timeout: ProbeTimeout)
            .AddCheck<CycleHealthCheck>("cycle", tags: [TelemetryEndpoint.ReadyTag]);
        services.AddHostedService(provider => provider.GetRequiredService<DataLagMonitor>());
        return services;
    }

    /// <summary>The address operators scrape, as printed by the demo.</summary>
    public static string? ScrapeAddress(TelemetryOptions options) =>
        Uri.TryCreate(options.PrometheusEndpoint, UriKind.Absolute, out var endpoint)
            ? new Uri(endpoint, "metrics").ToString()
            : null;
}
