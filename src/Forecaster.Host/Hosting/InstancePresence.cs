using Forecaster.Data.Access;
using Forecaster.Data.Scheduling;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Forecaster.Host.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Hosting;

/// <summary>
/// Holds this instance's lock (<see cref="InstanceLock"/>) for as long as it runs, so that if the process is killed
/// its claims return to the other instances at once instead of after their lease. Taken as the last start-up check,
/// before the first claim; checked every poll interval and taken again when its connection was lost. Without it
/// (another process uses the same instance id, or the connection is being re-established) claims keep their lease.
/// </summary>
internal sealed class InstancePresence(
    ForecasterDatabase database,
    SeriesScheduler scheduler,
    InstanceIdentity instance,
    StartupGate gate,
    IOptions<WorkerOptions> workers,
    TimeProvider time,
    ILogger<InstancePresence> logger) : BackgroundService
{
    private InstanceLock? _held;

    /// <summary>
    /// Takes the lock before the first claim. Holding it, no other live process uses this instance id, so claims
    /// under the id are an earlier process's (killed with work in flight, e.g. a service restarted with a configured
    /// id): they are released at once instead of after their lease.
    /// </summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        if (_held is not null)
        {
            return;
        }

        await TakeAsync(cancellationToken);
        if (_held is not null
            && await scheduler.ReleaseClaimsOfEarlierProcessAsync(instance.Id, time.GetUtcNow().UtcDateTime, cancellationToken)
                is > 0 and var released)
        {
            HostLog.EarlierClaimsReleased(logger, released, instance.Id);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_held is not null)
        {
            await _held.DisposeAsync();
            _held = null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(workers.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await KeepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                HostLog.InstanceLockFailed(logger, instance.Id, workers.Value.PollInterval, e);
            }
        }
    }

    private async Task KeepAsync(CancellationToken cancellationToken)
    {
        if (_held is not null)
        {
            if (await _held.IsHeldAsync(cancellationToken))
            {
                return;
            }

            HostLog.InstanceLockLost(logger, instance.Id);
            await _held.DisposeAsync();
            _held = null;
        }

        // Not AcquireAsync: this process's own claims are in flight and stay.
        await TakeAsync(cancellationToken);
        if (_held is not null)
        {
            HostLog.InstanceLockTakenAgain(logger, instance.Id);
        }
    }

    private async Task TakeAsync(CancellationToken cancellationToken)
    {
        _held = await InstanceLock.TryAcquireAsync(database, instance.Id, cancellationToken);
        if (_held is null)
        {
            HostLog.InstanceLockTaken(logger, instance.Id);
        }
    }
}

internal static class InstancePresenceRegistration
{
    /// <summary>For the verbs that claim series (run, train); one-shot verbs that do not claim need no lock.</summary>
    public static IServiceCollection AddInstancePresence(this IServiceCollection services)
    {
        services.TryAddSingleton<InstancePresence>();
        services.AddHostedService(provider => provider.GetRequiredService<InstancePresence>());
        return services;
    }
}
