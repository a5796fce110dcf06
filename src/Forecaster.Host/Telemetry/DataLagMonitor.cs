using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Startup;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Telemetry;

/// <summary>
/// Keeps the data-lag gauges fed: re-reads the newest source point and typical spacing of every series on a
/// timer, so a scrape never waits on (or loads) the database; the gauges age the last reading with the clock.
/// </summary>
internal sealed class DataLagMonitor(
    PriceSource source,
    ForecasterTelemetry telemetry,
    StartupGate gate,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<DataLagMonitor> logger) : BackgroundService
{
    /// <summary>One reading of every series; the telemetry picks the ones furthest behind.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var recency = await source.ReadRecencyAsync(cancellationToken);
        telemetry.RecordRecency([.. recency.Values]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.WaitAsync(stoppingToken);
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
