using Forecaster.Data.Access;
using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Host.Cycle;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Forecaster.Host.Tests;

public sealed class MultiInstanceTests() : DatabaseTest("dj_stocks_daily.csv", "gold_daily_gappy.csv")
{
    private const int SeriesCount = 10 + 1;

    [Fact]
    public async Task Two_instances_train_every_due_series_exactly_once()
    {
        await using var first = await TestHost.StartAsync(Database.ConnectionString, "instance-a");
        await using var second = await TestHost.StartAsync(Database.ConnectionString, "instance-b");

        var summaries = await Task.WhenAll(first.RunCycleAsync(), second.RunCycleAsync());

        var trained = summaries.SelectMany(summary => summary.Results).ToList();
        Assert.All(trained, result => Assert.Equal(SeriesOutcome.Trained, result.Outcome));
        Assert.Equal(SeriesCount, trained.Select(result => result.SeriesKey).Distinct().Count());
        Assert.Equal(SeriesCount, trained.Count);
        var runsPerSeries = await Database.RowsAsync(
            "SELECT s.series_key, count(r.run_id) FROM series s LEFT JOIN forecast_runs r USING (series_key) GROUP BY s.series_key");
        Assert.Equal(SeriesCount, runsPerSeries.Count);
        Assert.All(runsPerSeries, row => Assert.Equal(1L, row[1]));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status <> 'succeeded'"));
    }

    [Fact]
    public async Task Claims_of_an_instance_killed_mid_cycle_go_to_another_instance_once_the_lease_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var lease = TimeSpan.FromMinutes(2);
        long orphanRunId;
        await using (var killed = ForecasterDatabase.Create(Database.ConnectionString))
        {
            // What a killed instance leaves behind: every series claimed, one run started, nothing released.
            var scheduler = new SeriesScheduler(killed, new PriceSource(killed, PriceSourceOptions.Default));
            var now = clock.GetUtcNow().UtcDateTime;
            await scheduler.MarkDueAsync(now, TimeSpan.FromDays(7), CancellationToken.None);
            var claimed = await scheduler.ClaimDueAsync("killed", SeriesCount, lease, now, CancellationToken.None);
            Assert.Equal(SeriesCount, claimed.Count);
            orphanRunId = await new RunStore(killed).StartRunAsync(
                new RunStart(claimed[0].SeriesKey, "killed", now, 42, 8, 3), CancellationToken.None);
        }

        await using var survivor = await TestHost.StartAsync(
            Database.ConnectionString, "survivor", new Dictionary<string, string?> {
                ["Forecaster:Workers:LeaseDuration"] = lease.ToString() }, clock);

        var whileLeased = await survivor.RunCycleAsync();
        clock.Advance(lease + TimeSpan.FromSeconds(1));
        var afterExpiry = await survivor.RunCycleAsync();

        Assert.Empty(whileLeased.Results);
        Assert.Equal(SeriesCount, whileLeased.Due);
        Assert.Equal(SeriesCount, afterExpiry.Count(SeriesOutcome.Trained));
        Assert.Equal(
            ["failed", "lease_expired"],
            (await Database.RowsAsync($"SELECT status, reason_code FROM forecast_runs WHERE run_id = {orphanRunId}")).Single());
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM series WHERE claimed_by IS NOT NULL"));
    }
}
