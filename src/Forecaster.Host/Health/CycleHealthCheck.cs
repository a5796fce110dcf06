using System.Globalization;
using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Health;

/// <summary>
/// The last cycle's age: this instance finished a cycle or a poll of the due queue recently, or is in one now.
/// Three missed polls (at least a minute) mean its work loop is stuck or every attempt fails.
/// </summary>
internal sealed class CycleHealthCheck(CycleActivity activity, IOptions<WorkerOptions> workers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = Limit(workers.Value.PollInterval);
        var since = activity.SinceLastFinished;
        return Task.FromResult(
            activity.Running ? HealthCheckResult.Healthy("cycle running")
            : since <= limit ? HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"last cycle or queue poll finished {since:hh\\:mm\\:ss} ago"))
            : HealthCheckResult.Unhealthy(string.Create(
                CultureInfo.InvariantCulture, $"no cycle or queue poll finished for {since:hh\\:mm\\:ss} (limit {limit:hh\\:mm\\:ss})")));
    }

    internal static TimeSpan Limit(TimeSpan pollInterval) =>
        TimeSpan.FromTicks(Math.Max(3 * pollInterval.Ticks, TimeSpan.FromMinutes(1).Ticks));
}
