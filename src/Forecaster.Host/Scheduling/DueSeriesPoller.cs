using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Catches up at start, then regularly drains series that are due but unclaimed: marked by another
/// instance's cycle, or abandoned by a crashed instance whose lease ran out.
/// </summary>
internal sealed class DueSeriesPoller(
    CycleRunner runner,
    IOptions<ScheduleOptions> schedule,
    IOptions<WorkerOptions> workers,
    TimeProvider timeProvider,
    ILogger<DueSeriesPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pollInterval = workers.Value.PollInterval;
        if (schedule.Value.CatchUpOnStart)
        {
            await SurviveAsync(() => runner.RunCycleAsync("catch-up", progress: null, stoppingToken), pollInterval, stoppingToken);
        }

        using var timer = new PeriodicTimer(pollInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SurviveAsync(() => runner.DrainIfIdleAsync(stoppingToken), pollInterval, stoppingToken);
        }
    }

    /// <summary>A database outage must not stop the service: the next tick tries again.</summary>
    private async Task SurviveAsync(Func<Task> work, TimeSpan retryAfter, CancellationToken stoppingToken)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            HostLog.PollFailed(logger, retryAfter, e);
        }
    }
}
