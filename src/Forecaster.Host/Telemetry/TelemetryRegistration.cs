using Forecaster.Host.Configuration;
using Forecaster.Host.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Forecaster.Host.Telemetry;

internal static class TelemetryRegistration
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Prometheus scrape endpoint when configured, OTLP (metrics, traces and logs) only when a collector address
    /// is given (the exporter would otherwise retry against localhost forever), plus Npgsql and runtime instrumentation.
    /// </summary>
    public static IServiceCollection AddForecasterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exportOtlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        services.AddSingleton<ForecasterTelemetry>();
        services.AddSingleton<DataLagMonitor>();
        services.AddSingleton<ReadinessProbe>();
        services.AddSingleton<HealthServer>();
        var openTelemetry = services.AddOpenTelemetry();
        openTelemetry
            .ConfigureResource(resource => resource.AddService("forecaster"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ForecasterTelemetry.Name, "Quartz").AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
                if (Uri.TryCreate(telemetry.PrometheusEndpoint, UriKind.Absolute, out var prometheus))
                {
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        listener.Host = prometheus.Host;
                        listener.Port = prometheus.Port;
                        listener.ScrapeEndpointPath = prometheus.AbsolutePath.TrimEnd('/') + "/metrics";
                    });
                }

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
    /// The long-running parts of telemetry, for the service only: one-shot verbs (migrate, import) run before
    /// or without a migrated schema and must not probe or poll it.
    /// </summary>
    public static IServiceCollection AddTelemetryServices(this IServiceCollection services)
    {
        services.AddHostedService(provider => provider.GetRequiredService<DataLagMonitor>());
        services.AddHostedService(provider => provider.GetRequiredService<HealthServer>());
        return services;
    }

    /// <summary>The address operators scrape, as printed by the demo.</summary>
    public static string? ScrapeAddress(TelemetryOptions options) =>
        Uri.TryCreate(options.PrometheusEndpoint, UriKind.Absolute, out var endpoint)
            ? new Uri(endpoint, "metrics").ToString()
            : null;
}
