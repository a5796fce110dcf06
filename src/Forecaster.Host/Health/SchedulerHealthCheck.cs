using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Forecaster.Host.Health;

/// <summary>The clustered Quartz scheduler runs here: started, not in standby, not shut down.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Only schedulers that exist: GetScheduler() would create one from a probe.
        var scheduler = (await schedulers.GetAllSchedulers(cancellationToken)).FirstOrDefault();
        return scheduler?.Status switch
        {
            null => HealthCheckResult.Unhealthy("scheduler not created yet"),
            SchedulerStatus.Running => HealthCheckResult.Healthy($"scheduler {scheduler.SchedulerInstanceId} running"),
            var status => HealthCheckResult.Unhealthy($"scheduler {status.Value.ToString().ToLowerInvariant()}"),
        };
    }
}
