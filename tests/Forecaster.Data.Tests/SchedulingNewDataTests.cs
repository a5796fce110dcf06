using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

/// <summary>Key filters on mark/claim, the new-data trigger of migration V5 and marking on new data.</summary>
public sealed class SchedulingNewDataTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private SeriesScheduler Scheduler => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    [Fact]
    public async Task Mark_and_claim_with_a_key_filter_leave_every_other_series_unmarked_and_unclaimed()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO series (series_key) VALUES ('a'), ('b'), ('c');
            INSERT INTO series (series_key, next_due_at) VALUES ('due_other', '2026-03-02 11:00Z');
            """);

        var marked = await Scheduler.MarkRequestedAsync(["a", "b"], Now, CancellationToken.None);
        var claimed = await Scheduler.ClaimDueAsync("me", 10, Lease, Now, ["b", "c"], CancellationToken.None);

        Assert.Equal(2, marked);
        Assert.Equal(["b"], claimed.Select(series => series.SeriesKey));
        var series = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey);
        Assert.Equal((Now, (string?)null), (series["a"].NextDueAt!.Value, series["a"].ClaimedBy));
        Assert.Null(series["c"].NextDueAt);
        Assert.Null(series["due_other"].ClaimedBy);
        Assert.Equal("me", series["b"].ClaimedBy);
    }

    [Fact]
    public async Task Notified_keys_move_due_times_earlier_only_with_points_past_their_watermark_and_an_empty_payload_only_pending_changes()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices VALUES ('later', '2026-03-01Z', 1), ('sooner', '2026-03-01Z', 1), ('unchanged', '2026-02-01Z', 1),
                                      ('other', '2026-03-01Z', 1), ('never', '2026-03-01Z', 1);
            UPDATE series SET last_trained_at = '2026-02-01Z', last_watermark = '2026-02-01Z', next_due_at = '2026-03-05Z', attempted_version = inputs_version;
            UPDATE series SET next_due_at = '2026-03-02 06:00Z', due_reason = 'backoff' WHERE series_key = 'sooner';
            UPDATE series SET last_trained_at = NULL, last_watermark = NULL, next_due_at = NULL WHERE series_key = 'never';
            """);

        var keyed = await Scheduler.MarkNewDataDueAsync(["later", "sooner", "unchanged"], Now, CancellationToken.None);
        var series = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey);
        var unkeyedBeforeAnyChange = await Scheduler.MarkNewDataDueAsync([], Now, CancellationToken.None);
        await Database.ExecuteAsync("UPDATE prices SET price = 2 WHERE series_key = 'other'");
        var unkeyed = await Scheduler.MarkNewDataDueAsync([], Now, CancellationToken.None);

        Assert.Equal(1, keyed);
        Assert.Equal((Now, "new_data"), (series["later"].NextDueAt!.Value, series["later"].DueReason));
        Assert.Equal("backoff", series["sooner"].DueReason);
        Assert.Equal(new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc), series["unchanged"].NextDueAt);
        Assert.Equal(new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc), series["other"].NextDueAt);
        Assert.Equal((0, 1), (unkeyedBeforeAnyChange, unkeyed));
        var after = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey);
        Assert.Equal(Now, after["other"].NextDueAt);
        Assert.Null(after["never"].NextDueAt);
    }

    [Theory]
    [InlineData(2, new[] { "k1", "k2", "k3" })]
    [InlineData(65, null)]
    public async Task Inserts_and_updates_of_prices_notify_each_key_or_once_without_payload_past_64_keys(int insertedKeys, string[]? expected)
    {
        await Database.ExecuteAsync("INSERT INTO prices VALUES ('k1', '2026-03-01Z', 1)");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var notified = new SortedSet<string>(StringComparer.Ordinal);
        var unkeyed = false;
        var listening = new NewDataListener(Data).ListenAsync(
            token => Database.ExecuteAsync(
                $"INSERT INTO prices SELECT 'k' || i, '2026-03-01Z', 1 FROM generate_series(2, {insertedKeys + 1}) i; " +
                "UPDATE prices SET price = 2 WHERE series_key = 'k1'",
                token),
            (keys, _) =>
            {
                unkeyed |= keys is null;
                notified.UnionWith(keys ?? []);
                if (unkeyed || notified.Count == expected?.Length)
                {
                    stop.Cancel();
                }

                return Task.CompletedTask;
            },
            TimeSpan.FromMinutes(1),
            stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);

        Assert.Equal(expected, unkeyed ? null : notified.ToArray());
    }
}
