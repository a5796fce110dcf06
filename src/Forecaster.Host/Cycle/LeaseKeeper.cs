using Forecaster.Data.Scheduling;

namespace Forecaster.Host.Cycle;

/// <summary>
/// Renews this instance's claim on a series every third of the lease while it trains. When the claim is
/// gone (expired and taken over), <see cref="Token"/> is cancelled so training stops instead of racing
/// another instance to publish.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Task _renewal;
    private volatile bool _lost;

    private LeaseKeeper(
        SeriesScheduler scheduler, string instanceId, string seriesKey, TimeSpan leaseDuration, TimeProvider time,
        CancellationToken stopping)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _renewal = RenewAsync(scheduler, instanceId, seriesKey, leaseDuration, time, _cancellation.Token);
    }

    /// <summary>Cancelled on shutdown or when the lease is lost.</summary>
    public CancellationToken Token => _cancellation.Token;

    public bool Lost => _lost;

    public static LeaseKeeper Start(
        SeriesScheduler scheduler, string instanceId, string seriesKey, TimeSpan leaseDuration, TimeProvider time,
        CancellationToken stopping) =>
        new(scheduler, instanceId, seriesKey, leaseDuration, time, stopping);

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        await _renewal;
        _cancellation.Dispose();
    }

    private async Task RenewAsync(
        SeriesScheduler scheduler, string instanceId, string seriesKey, TimeSpan leaseDuration, TimeProvider time, CancellationToken token)
    {
        using var timer = new PeriodicTimer(leaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                bool held;
                try
                {
                    held = await scheduler.RenewLeaseAsync(instanceId, seriesKey, leaseDuration, time.GetUtcNow().UtcDateTime, token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A lease outlives two missed renewals; a database hiccup is retried at the next tick.
                    continue;
                }

                if (!held)
                {
                    _lost = true;
                    await _cancellation.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Training ended or the host is stopping: nothing left to renew.
        }
    }
}
