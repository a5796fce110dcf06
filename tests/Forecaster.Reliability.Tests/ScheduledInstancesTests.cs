using System.Text.RegularExpressions;
using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// Three <c>forecaster run</c> processes on one database, driven by the cron alone: Quartz's clustered store fires
/// each period on one node and every node claims due series, so each series is trained once per period, never twice
/// and never by two nodes at once.
/// </summary>
public sealed partial class ScheduledInstancesTests() : DatabaseTest("dj_stocks_daily.csv")
{
    private const int Periods = 3;
    private static readonly string[] Instances = ["a", "b", "c"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    // A firing every two seconds; no new-data wake-up, so only the clustered cron starts a period's work.
    private static readonly Dictionary<string, string> CronOnly = new()
    {
        ["Forecaster:Schedule:Cron"] = "0/2 * * * * ?",
        ["Forecaster:Schedule:ListenForNewData"] = "false",
    };

    [Fact]
    public async Task Three_scheduled_services_train_every_series_once_per_period_and_never_concurrently()
    {
        var seriesCount = await Database.ScalarAsync<long>("SELECT count(*) FROM series");
        var services = Instances.Select(instance => ServiceProcess.Start("run", Database.ConnectionString, $"node-{instance}", CronOnly))
            .ToList();
        try
        {
            for (var period = 1; period <= Periods; period++)
            {
                await Eventually.WaitUntilAsync(
                    async () => await SucceededAsync() >= seriesCount * period, Patience, $"every series trained in period {period}");
                Assert.Equal([[seriesCount, (long)period, (long)period]], await Database.RowsAsync(PerSeriesSucceeded));
                if (period < Periods)
                {
                    await Database.ExecuteAsync(
                        "INSERT INTO prices SELECT series_key, max(ts) + interval '1 day', (array_agg(price ORDER BY ts " +
                        "DESC))[1] FROM prices GROUP BY series_key");
                }
            }

            // Two more firings run to their end without new data: nothing may be trained again.
            var finished = FinishedCycles(services);
            await Eventually.WaitUntilAsync(
                () => Task.FromResult(FinishedCycles(services) >= finished + 2),
                Patience,
                "two further scheduled cycles");
            Assert.Equal([[seriesCount, (long)Periods, (long)Periods]], await Database.RowsAsync(PerSeriesSucceeded));

            Assert.All(services, service => Assert.False(service.HasExited, service.Output));
            Assert.Equal(
                3,
                await Database.ScalarAsync<long>("SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name LIKE 'node-%'"));
            Assert.Equal(
                0,
                await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status NOT IN ('succeeded', 'running')"));
            Assert.Equal(0, await RunInvariants.ConcurrentRunsAsync(Database));
        }
        finally
        {
            services.ForEach(service => service.Dispose());
        }
    }

    // Series with a success, and the fewest and most successes any series has.
    private const string PerSeriesSucceeded =
        "SELECT count(*), min(n), max(n) FROM (SELECT count(*) AS n FROM forecast_runs WHERE status = 'succeeded' GROUP " +
        "BY series_key) runs";

    private Task<long> SucceededAsync() => Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'");

    private static int FinishedCycles(IEnumerable<ServiceProcess> services) =>
        services.Sum(service => CycleFinished().Count(service.Output));

    [GeneratedRegex(@"Cycle finished in .*on this instance")]
    private static partial Regex CycleFinished();
}
