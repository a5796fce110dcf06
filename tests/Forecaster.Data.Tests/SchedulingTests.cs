using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

public sealed class SchedulingTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private SeriesScheduler Scheduler => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    private Task<int> AddDueSeriesAsync(int count) =>
        Database.ExecuteAsync(
            $"INSERT INTO series (series_key, next_due_at) SELECT 's' || lpad(i::text, 4, '0'), timestamptz '2026-03-02 " +
            $"11:00Z' + i * interval '1 s' FROM generate_series(1, {count}) i");

    [Fact]
    public async Task Mark_due_explains_why_and_leaves_up_to_date_or_already_scheduled_series_alone()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO series (series_key, last_trained_at, last_watermark, next_due_at) VALUES
                ('never', NULL, NULL, NULL),
                ('fresh', '2026-03-02 11:00Z', '2026-03-01 00:00Z', NULL),
                ('new_data', '2026-03-02 11:00Z', '2026-02-28 00:00Z', NULL),
                ('stale', '2026-02-20 00:00Z', '2026-03-01 00:00Z', NULL),
                ('scheduled', NULL, NULL, '2026-03-05 00:00Z');
            INSERT INTO prices VALUES ('fresh', '2026-03-01 00:00Z', 1), ('new_data', '2026-03-01 00:00Z', 1), ('stale',
            '2026-03-01 00:00Z', 1);
            -- Their last training saw these rows (no change pending): new_data is told only by the watermark, as for a custom source.
            UPDATE series SET active = true, attempted_version = inputs_version;
            """);

        var marked = await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None);
        var markedAgain = await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal((3, 0), (marked, markedAgain));
        var series = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey);
        Assert.Equal("never_trained", series["never"].DueReason);
        Assert.Equal("new_data", series["new_data"].DueReason);
        Assert.Equal("model_stale", series["stale"].DueReason);
        Assert.Equal(Now, series["stale"].NextDueAt);
        Assert.Null(series["fresh"].NextDueAt);
        Assert.Equal(new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc), series["scheduled"].NextDueAt);
    }

    [Fact]
    public async Task An_unlimited_model_age_never_makes_a_trained_series_stale()
    {
        await Database.ExecuteAsync(
            "INSERT INTO series (series_key, last_trained_at, last_watermark) VALUES ('old', '1990-01-01Z', " +
            "'1989-12-31Z'), ('never', NULL, NULL)");

        var marked = await Scheduler.MarkDueAsync(Now, TimeSpan.MaxValue, CancellationToken.None);

        Assert.Equal(1, marked);
        Assert.Null((await Scheduler.GetSeriesAsync("old", CancellationToken.None))!.NextDueAt);
    }

    [Fact]
    public async Task Concurrent_claimers_never_get_the_same_series_and_together_get_all_of_them()
    {
        await AddDueSeriesAsync(300);

        async Task<List<string>> ClaimUntilEmptyAsync(string instance)
        {
            var mine = new List<string>();
            while (await Scheduler.ClaimDueAsync(instance, 7, Lease, Now, CancellationToken.None) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(series => series.SeriesKey));
            }

            return mine;
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(node => Task.Run(() => ClaimUntilEmptyAsync($"node-{node}"))));

        var all = claims.SelectMany(keys => keys).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Distinct().Count());
        Assert.Equal(300L, await Database.ScalarAsync<long>("SELECT count(*) FROM series WHERE claimed_by IS NOT NULL"));
    }

    [Fact]
    public async Task Claims_go_earliest_due_first_and_skip_inactive_and_future_series()
    {
        await AddDueSeriesAsync(3);
        await Database.ExecuteAsync("INSERT INTO series (series_key, next_due_at, active) VALUES ('off', '2026-03-01 " +
            "00:00Z', false), ('later', '2026-03-02 13:00Z', true)");

        var claimed = await Scheduler.ClaimDueAsync("node-a", 10, Lease, Now, CancellationToken.None);

        Assert.Equal(["s0001", "s0002", "s0003"], claimed.Select(series => series.SeriesKey));
        Assert.All(claimed, series => Assert.Equal((Now + Lease, "node-a"), (series.LeaseExpiresAt!.Value, series.ClaimedBy!)));
    }

    [Fact]
    public async Task An_expired_lease_is_claimable_again_but_a_renewed_one_is_not()
    {
        await AddDueSeriesAsync(2);
        await Scheduler.ClaimDueAsync("node-a", 2, Lease, Now, CancellationToken.None);
        var later = Now + Lease + TimeSpan.FromSeconds(1);
        var renewed = await Scheduler.RenewLeaseAsync("node-a", "s0002", Lease, Now + TimeSpan.FromMinutes(9), CancellationToken.None);

        var takenOver = await Scheduler.ClaimDueAsync("node-b", 10, Lease, later, CancellationToken.None);
        var renewedByLoser = await Scheduler.RenewLeaseAsync("node-a", "s0001", Lease, later, CancellationToken.None);

        Assert.True(renewed);
        Assert.Equal(["s0001"], takenOver.Select(series => series.SeriesKey));
        Assert.False(renewedByLoser);
    }

    [Fact]
    public async Task Claiming_a_series_whose_previous_holder_vanished_fails_its_orphaned_run()
    {
        await AddDueSeriesAsync(1);
        await Scheduler.ClaimDueAsync("node-a", 1, Lease, Now, CancellationToken.None);
        var orphan = await Publishing.StartAsync(Data, "s0001", "node-a", at: Now);

        await Scheduler.ClaimDueAsync("node-b", 1, Lease, Now + Lease + TimeSpan.FromSeconds(1), CancellationToken.None);

        var run = await new RunStore(Data).GetRunAsync(orphan, CancellationToken.None);
        Assert.Equal((RunStatus.Failed, "lease_expired"), (run!.Status, run.ReasonCode));
    }

    [Fact]
    public async Task A_released_claim_is_immediately_claimable_by_another_instance_and_only_the_holder_can_release()
    {
        await AddDueSeriesAsync(1);
        await Scheduler.ClaimDueAsync("node-a", 1, Lease, Now, CancellationToken.None);

        var releasedByOther = await Scheduler.ReleaseClaimAsync("node-b", "s0001", CancellationToken.None);
        var released = await Scheduler.ReleaseClaimAsync("node-a", "s0001", CancellationToken.None);
        var claimed = await Scheduler.ClaimDueAsync("node-b", 1, Lease, Now, CancellationToken.None);

        Assert.Equal((false, true), (releasedByOther, released));
        Assert.Equal("s0001", Assert.Single(claimed).SeriesKey);
    }
}
