using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Forecaster.Host.Startup;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Catches up at start, then regularly drains series that are due but unclaimed: marked by another
/// instance's cycle, or abandoned by a crashed instance whose lease ran out. A <see cref="DrainSignal"/>
/// (new data) starts a drain before the next tick.
/// </summary>
internal sealed class DueSeriesPoller(
    CycleRunner runner,
    IOptions<ScheduleOptions> schedule,
    IOptions<WorkerOptions> workers,
    DrainSignal drainSignal,
    StartupGate gate,
    TimeProvider timeProvider,
    ILogger<DueSeriesPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.WaitAsync(stoppingToken);
        var pollInterval = workers.Value.PollInterval;
        if (schedule.Value.CatchUpOnStart)
        {
            await SurviveAsync(() => runner.RunCycleAsync("catch-up", progress: null, stoppingToken), pollInterval, stoppingToken);
        }

        using var timer = new PeriodicTimer(pollInterval, timeProvider);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var wake = drainSignal.WaitAsync(stoppingToken);
        while (true)
        {
            // Whichever comes first drains; the other stays pending for the next round.
            var woken = await Task.WhenAny(tick, wake);
            await woken;
            if (woken == tick)
            {
                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            else
            {
                wake = drainSignal.WaitAsync(stoppingToken);
            }

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
