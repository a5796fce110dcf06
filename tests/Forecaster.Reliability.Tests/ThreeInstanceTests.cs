using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>Three service processes on one database, period after period: each due series once, never concurrently.</summary>
public sealed class ThreeInstanceTests() : DatabaseTest("dj_stocks_daily.csv")
{
    private const int Periods = 2;
    private static readonly string[] Instances = ["a", "b", "c"];

    [Fact]
    public async Task Every_due_series_is_trained_exactly_once_per_period_and_never_by_two_instances_at_once()
    {
        var seriesCount = await Database.ScalarAsync<long>("SELECT count(*) FROM series");
        for (var period = 1; period <= Periods; period++)
        {
            var cycles = await Task.WhenAll(
                Instances.Select(
                    instance => ServiceProcess.RunAsync("train", Database.ConnectionString, $"instance-{instance}-{period}")));

            // A train that ends while another is still training a due series says so and exits 75 (EX_TEMPFAIL).
            Assert.All(cycles, cycle => Assert.True(
                cycle.ExitCode == 0
                    || (cycle.ExitCode == 75 && cycle.Output.Contains("held by another live instance", StringComparison.Ordinal)),
                cycle.Output));
            Assert.Equal(
                [[seriesCount, seriesCount, seriesCount * period]],
                await Database.RowsAsync(
                    $"SELECT count(DISTINCT series_key), count(*), (SELECT count(*) FROM forecast_runs) FROM " +
                    $"forecast_runs WHERE instance_id LIKE '%-{period}' AND status = 'succeeded'"));

            // The next period: one new trading day for every series.
            await Database.ExecuteAsync(
                "INSERT INTO prices SELECT series_key, max(ts) + interval '1 day', (array_agg(price ORDER BY ts " +
                "DESC))[1] FROM prices GROUP BY series_key");
        }

        Assert.Equal(0, await RunInvariants.ConcurrentRunsAsync(Database));
    }
}
