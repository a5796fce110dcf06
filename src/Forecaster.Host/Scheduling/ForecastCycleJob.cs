using Forecaster.Host.Cycle;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// The one Quartz job: the clustered store fires it on exactly one instance per cron firing. It marks due
/// series and joins in the training; every instance's <see cref="DueSeriesPoller"/> claims the rest.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ForecastCycleJob(CycleRunner runner, IHostApplicationLifetime lifetime, ILogger<ForecastCycleJob> logger) : IJob
{
    public static readonly JobKey Key = new("forecast-cycle", "forecaster");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The host's stop, not only the scheduler's, cancels training: stopping must never wait for a whole cycle.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            await runner.RunCycleAsync("schedule", progress: null, stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged here with the cycle's context; the next firing simply tries again.
            HostLog.CycleFailed(logger, e);
        }
    }
}
