using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Startup;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Trains series soon after their data arrives instead of at the next cron firing: a notification marks the
/// series due and wakes this instance's poller. Every instance listens; claims keep a series from training twice.
/// </summary>
internal sealed class NewDataWakeUp(
    NewDataListener listener,
    SeriesScheduler scheduler,
    DrainSignal drainSignal,
    StartupGate gate,
    PriceSource source,
    IOptions<ScheduleOptions> schedule,
    TimeProvider time,
    ILogger<NewDataWakeUp> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    public bool Enabled => schedule.Value.ListenForNewData ?? source.Options == PriceSourceOptions.Default;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        await gate.WaitAsync(stoppingToken);

        var options = schedule.Value;
        var retryDelay = Min(FirstRetryDelay, options.ListenRetryMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await listener.ListenAsync(
                    async token =>
                    {
                        HostLog.ListeningForNewData(logger, NewDataListener.Channel);
                        retryDelay = Min(FirstRetryDelay, options.ListenRetryMaxDelay);

                        // Whatever arrived while nobody listened was announced to no one.
                        await MarkDueAsync([], token);
                    },
                    MarkDueAsync,
                    options.ListenKeepAlive,
                    stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                HostLog.ListeningFailed(logger, retryDelay, e);
                await Task.Delay(retryDelay, time, stoppingToken);
                retryDelay = Min(retryDelay * 2, options.ListenRetryMaxDelay);
            }
        }
    }

    private async Task MarkDueAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var due = await scheduler.MarkNewDataDueAsync(keys, time.GetUtcNow().UtcDateTime, cancellationToken);
        HostLog.NewDataDue(logger, due);
        if (due > 0)
        {
            drainSignal.Raise();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
