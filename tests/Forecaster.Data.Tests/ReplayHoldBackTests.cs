using Forecaster.Data.Import;

namespace Forecaster.Data.Tests;

public sealed class ReplayHoldBackTests : DatabaseTest
{
    private const string AllPrices = "SELECT series_key || ' ' || to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || price FROM prices";

    private const string NewestPerSeries =
        "SELECT series_key || ' ' || to_char(max(ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM prices GROUP BY series_key ORDER BY 1";

    [Fact]
    public async Task Holds_back_the_newest_points_of_every_series_and_feeds_exactly_them_back()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices (series_key, ts, price)
            SELECT key, timestamptz '2024-01-01 00:00Z' + make_interval(days => day), day * 1.5 + length(key)
            FROM unnest(ARRAY['a', 'bb']) AS key, generate_series(0, 9) AS day
            """);
        var before = await Snapshot();
        var replay = new ReplayHoldBack(Data);

        await replay.HoldBackAsync(3, CancellationToken.None);

        Assert.Equal(6, replay.Count);
        Assert.Equal(
            ["a 2024-01-07", "bb 2024-01-07"],
            (await Database.RowsAsync(NewestPerSeries)).Select(row => (string)row[0]!));
        Assert.Equal(14L, await Database.ScalarAsync<long>("SELECT count(*) FROM prices"));

        await replay.FeedAsync(CancellationToken.None);

        Assert.Equal(0, replay.Count);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Feeding_twice_adds_nothing_the_second_time()
    {
        await Database.ExecuteAsync("INSERT INTO prices (series_key, ts, price) VALUES ('a', '2024-01-01Z', 1), ('a', '2024-01-02Z', 2)");
        var replay = new ReplayHoldBack(Data);
        await replay.HoldBackAsync(1, CancellationToken.None);
        await replay.FeedAsync(CancellationToken.None);

        await replay.FeedAsync(CancellationToken.None);

        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM prices"));
    }

    [Fact]
    public async Task Holding_back_no_points_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new ReplayHoldBack(Data).HoldBackAsync(0, CancellationToken.None));
    }

    private async Task<string[]> Snapshot() =>
        [.. (await Database.RowsAsync(AllPrices + " ORDER BY 1")).Select(row => (string)row[0]!)];
}
