using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

/// <summary>Key filters on mark/claim, the new-data trigger of migration V5 and marking on new data.</summary>
public sealed class SchedulingNewDataTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly string[] NotifiedKeys = ["s1", "s2"];

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
            UPDATE series SET last_trained_at = '2026-02-01Z', last_watermark = '2026-02-01Z', next_due_at =
            '2026-03-05Z', attempted_version = inputs_version;
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

    [Fact]
    public async Task Every_change_of_prices_including_a_delete_wakes_the_listener_once_without_naming_keys()
    {
        await Database.ExecuteAsync("INSERT INTO prices SELECT 'k' || i, '2026-03-01Z', 1 FROM generate_series(1, 70) i");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var batches = new List<IReadOnlyCollection<string>>();
        var listening = new NewDataListener(Data).ListenAsync(
            token => Database.ExecuteAsync("DELETE FROM prices WHERE series_key = 'k1'", token),
            (keys, _) =>
            {
                batches.Add(keys);
                stop.Cancel();
                return Task.CompletedTask;
            },
            TimeSpan.FromMinutes(1),
            stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);

        Assert.Empty(Assert.Single(batches));
    }

    [Fact]
    public async Task A_flood_of_notifications_from_the_dashboard_login_is_coalesced_into_a_batch_a_second_with_bounded_keys()
    {
        var dashboard = await Database.CreateDashboardLoginAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var batches = new List<int>();
        var listening = new NewDataListener(Data).ListenAsync(
            async token =>
            {
                await using var connection = new Npgsql.NpgsqlConnection(dashboard);
                await connection.OpenAsync(token);
                await using (var distinct = new Npgsql.NpgsqlCommand(
                    "SELECT count(pg_notify('forecaster_new_data', 'made-up/' || i)) FROM generate_series(1, 2000) i", connection))
                {
                    await distinct.ExecuteScalarAsync(token);
                }

                for (var i = 0; i < 300; i++)
                {
                    await using var single = new Npgsql.NpgsqlCommand("NOTIFY forecaster_new_data", connection);
                    await single.ExecuteNonQueryAsync(token);
                }

                // The flood is queued on the listening connection before the listener reads any of it.
                stop.CancelAfter(TimeSpan.FromSeconds(5));
            },
            (keys, _) =>
            {
                batches.Add(keys.Count);
                return Task.CompletedTask;
            },
            TimeSpan.FromMinutes(1),
            stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);

        // Five seconds of listening: at most one batch a second, however many notifications.
        Assert.InRange(batches.Count, 1, 6);
        Assert.All(batches, keys => Assert.InRange(keys, 0, NewDataListener.MaxKeysPerBatch));
    }

    [Fact]
    public async Task The_wake_up_reads_only_the_pending_index_and_the_notified_keys_never_the_whole_series_table()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO series (series_key, last_trained_at) SELECT 's' || i, '2026-03-01Z' FROM generate_series(1, 20000) i;
            UPDATE series SET inputs_version = 1 WHERE series_key IN ('s7', 's70');
            ANALYZE series;
            """);

        var plan = await Database.ExplainAsync(
            Scheduler.NewDataDueSql, new Dictionary<string, object> { ["now"] = Now, ["keys"] = NotifiedKeys });

        Assert.Contains("series_pending_idx", plan, StringComparison.Ordinal);
        Assert.Contains("series_pkey", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on series", plan, StringComparison.Ordinal);
    }
}
