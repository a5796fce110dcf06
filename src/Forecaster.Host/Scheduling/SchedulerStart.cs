using Forecaster.Host.Startup;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Creates and starts the clustered Quartz scheduler once the database is ready, and shuts it down (letting a running
/// cycle finish) when the host stops. Quartz's own hosted service is not used because it creates the scheduler when
/// the host starts, and the job store validates its schema on creation: with the database still down that fails
/// (as a misleading schema error) and ends the service instead of letting it wait.
/// </summary>
internal sealed class SchedulerStart(ISchedulerFactory schedulers, StartupGate gate) : BackgroundService
{
    private IScheduler? _scheduler;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.WaitAsync(stoppingToken);
        _scheduler = await schedulers.GetScheduler(stoppingToken);
        await _scheduler.Start(stoppingToken);
    }
}
