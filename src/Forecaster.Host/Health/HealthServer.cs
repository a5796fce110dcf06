using System.Net;
using System.Text.Json;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Health;

/// <summary>
/// Liveness and readiness for orchestrators on their own small listener: the Prometheus listener owns its
/// port, and a probe must not depend on the metrics pipeline. Requests are answered one at a time, which
/// suits probes polled every few seconds.
/// </summary>
internal sealed class HealthServer(ReadinessProbe readiness, IOptions<TelemetryOptions> options, ILogger<HealthServer> logger) : BackgroundService
{
    public const string LivePath = "healthz/live";
    public const string ReadyPath = "healthz/ready";

    private HttpListener? listener;

    /// <summary>
    /// Listens before returning, so a probe right after start is answered. A taken port is logged, not fatal:
    /// forecasting does not depend on the probes, and an orchestrator notices probes that never answer.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var prefix = options.Value.HealthEndpoint;
        if (!string.IsNullOrEmpty(prefix))
        {
            var candidate = new HttpListener();
            candidate.Prefixes.Add(prefix);
            try
            {
                candidate.Start();
                listener = candidate;
                HostLog.HealthListening(logger, prefix);
            }
            catch (HttpListenerException e)
            {
                candidate.Close();
                HostLog.HealthListenFailed(logger, prefix, e);
            }
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        listener?.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (listener is null)
        {
            return;
        }

        // GetContextAsync takes no token; stopping the listener is what ends the wait.
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (stoppingToken.IsCancellationRequested && e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await AnswerAsync(context, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        using var response = context.Response;
        var path = context.Request.Url?.AbsolutePath.Trim('/') ?? "";
        var report = path.EndsWith(LivePath, StringComparison.Ordinal) ? new HealthReport(true, "alive")
            : path.EndsWith(ReadyPath, StringComparison.Ordinal) ? await CheckReadinessAsync(cancellationToken)
            : null;
        if (report is null)
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        response.StatusCode = (int)(report.Healthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { status = report.Healthy ? "ok" : "unavailable", detail = report.Detail });
        await response.OutputStream.WriteAsync(body, cancellationToken);
    }

    private async Task<HealthReport> CheckReadinessAsync(CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        if (!report.Healthy)
        {
            HostLog.NotReady(logger, report.Detail);
        }

        return report;
    }
}
