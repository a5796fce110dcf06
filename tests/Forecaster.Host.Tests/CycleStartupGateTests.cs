using Forecaster.Host.Cycle;
using Forecaster.Host.Hosting;
using Forecaster.Host.Startup;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Forecaster.Host.Tests;

/// <summary>
/// The service's start-up runs in the background and ends by taking the instance lock and releasing every claim held
/// under its instance id, as an earlier process's. A cycle or drain asked for before then must wait for it: a claim made
/// meanwhile was released mid-run and another worker trained the series again (one series trained twice in one cycle).
/// </summary>
public sealed class CycleStartupGateTests() : DatabaseTest("msft_daily_short.csv", "wheat_annual.csv")
{
    /// <summary>
    /// What this test checks is an absence (no claim while start-up runs), which no condition can signal, so it gives an
    /// ungated cycle a bounded chance instead: one claims and trains these two series in tens of milliseconds.
    /// </summary>
    private static readonly TimeSpan ChanceToClaim = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Cycles_and_drains_claim_nothing_until_start_up_has_finished_and_then_train_each_series_once()
    {
        var gate = new StartupGate();
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "gated", configure: builder =>
        {
            // Start-up never finishes on its own: the test opens the gate.
            builder.Services.RemoveAll<StartupGate>().AddSingleton(gate);
            builder.Services.Remove(builder.Services.Single(service => service.ImplementationType == typeof(StartupChecks)));
        });
        await Database.ExecuteAsync("UPDATE series SET next_due_at = now(), due_reason = 'never_trained'");

        var drain = host.Runner.DrainIfIdleAsync(CancellationToken.None);
        var cycle = host.RunCycleAsync();
        await Task.WhenAny(Task.WhenAll(drain, cycle), Task.Delay(ChanceToClaim));

        Assert.False(drain.IsCompleted || cycle.IsCompleted);
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM series WHERE claimed_by IS NOT NULL"));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));

        gate.Open();
        var trained = (await drain).Concat((await cycle).Results).Where(result => result.Outcome == SeriesOutcome.Trained);

        Assert.Equal(["msft_daily_short/MSFT", "wheat_annual/BEVERIDGE"], trained.Select(result => result.SeriesKey).Order());
        Assert.Equal(2, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));
    }
}
