using Forecaster.Data.Backtests;

namespace Forecaster.Data.Tests.Backtests;

public sealed class BacktestStoreTests() : DatabaseTest(migrate: true)
{
    private static readonly DateTime StartedAt = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Origin = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static StoredBacktestRow Row(string method, int step, double forecast) =>
        new("metals/gold", Origin, step, Origin.AddDays(step), method, forecast, forecast - 2, forecast + 3, 100 + step);

    [Fact]
    public async Task Every_column_of_every_row_is_stored_under_one_new_backtest_id()
    {
        var store = new BacktestStore(Data);

        var first = await store.SaveAsync(StartedAt, 0.8, [Row("champion", 1, 101.5), Row("naive", 2, 99.25)], CancellationToken.None);
        var second = await store.SaveAsync(StartedAt.AddHours(1), 0.95, [Row("rnn", 1, 7)], CancellationToken.None);

        Assert.True(second > first);
        var rows = await Database.RowsAsync(
            "SELECT backtest_id, started_at, series_key, origin_ts, step, target_ts, method, forecast, lower, upper, actual, " +
            "interval_level FROM backtests ORDER BY backtest_id, step");
        object?[][] expected =
        [
            [first, StartedAt, "metals/gold", Origin, 1, Origin.AddDays(1), "champion", 101.5, 99.5, 104.5, 101.0, 0.8],
            [first, StartedAt, "metals/gold", Origin, 2, Origin.AddDays(2), "naive", 99.25, 97.25, 102.25, 102.0, 0.8],
            [second, StartedAt.AddHours(1), "metals/gold", Origin, 1, Origin.AddDays(1), "rnn", 7.0, 5.0, 10.0, 101.0, 0.95],
        ];
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task A_row_the_table_refuses_leaves_no_row_of_its_backtest()
    {
        var refused = Row("naive", 2, 1) with { TargetTs = Origin };

        await Assert.ThrowsAnyAsync<Exception>(() =>
            new BacktestStore(Data).SaveAsync(StartedAt, 0.8, [Row("naive", 1, 1), refused], CancellationToken.None));

        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM backtests"));
    }

    [Fact]
    public async Task Missing_rows_or_a_local_start_time_are_refused_before_anything_is_written()
    {
        var store = new BacktestStore(Data);

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveAsync(StartedAt, 0.8, null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SaveAsync(DateTime.SpecifyKind(StartedAt, DateTimeKind.Local), 0.8, [Row("naive", 1, 1)], CancellationToken.None));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM backtests"));
    }
}
