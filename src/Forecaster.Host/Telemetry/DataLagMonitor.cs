using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Telemetry;

/// <summary>
/// Keeps the data-lag gauge fed: re-reads the newest source timestamp of every series on a timer, so a
/// scrape never waits on (or loads) the database; the gauge itself ages the last reading with the clock.
/// </summary>
internal sealed class DataLagMonitor(
    PriceSource source,
    ForecasterTelemetry telemetry,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<DataLagMonitor> logger) : BackgroundService
{
    /// <summary>One reading; the series furthest behind sets the lag, series without any data are left out.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var newest = await source.ReadNewestTimestampsAsync(cancellationToken);
        telemetry.RecordStalestNewestPoint(newest.Values.Min());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DataLagRefreshInterval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last reading stays and keeps ageing, which is what an alert on stale data should see.
                HostLog.DataLagRefreshFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
