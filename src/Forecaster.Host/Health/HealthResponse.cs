using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forecaster.Host.Health;

/// <summary>
/// The probes' JSON body: an overall status, the first failing check's reason as <c>detail</c> (what an operator
/// reads first), and every check with its own status and reason.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var failing = report.Entries.FirstOrDefault(entry => entry.Value.Status != HealthStatus.Healthy);
        var body = new
        {
            status = report.Status == HealthStatus.Unhealthy ? "unavailable" : "ok",
            detail = failing.Key is null ? (report.Entries.Count == 0 ? "alive" : "ready") : $"{failing.Key}: {failing.Value.Description}",
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString().ToLowerInvariant(), description = entry.Value.Description }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
