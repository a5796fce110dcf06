using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

public sealed class PriceSourceTests : DatabaseTest
{
    private static readonly PriceSourceOptions UserTable = new()
    {
        Schema = "market",
        Table = "Quotes",
        KeyColumn = "symbol",
        TimestampColumn = "observed_at",
        ValueColumn = "close_px",
    };

    private async Task CreateUserTableAsync(string timestampType = "timestamptz")
    {
        await Database.ExecuteAsync(
            $"""
            CREATE SCHEMA market;
            CREATE TABLE market."Quotes" (symbol varchar(20), observed_at {timestampType}, close_px numeric(12, 4), volume bigint,
                                          PRIMARY KEY (symbol, observed_at));
            INSERT INTO market."Quotes"
            SELECT s, timestamptz '2024-01-01 00:00Z' + d * interval '1 day', 100 + d, 1000
            FROM unnest(ARRAY['AAA', 'BBB']) s, generate_series(0, 9) d;
            """);
    }

    [Fact]
    public async Task A_users_own_table_with_other_column_names_is_verified_read_and_synced_into_series()
    {
        await CreateUserTableAsync();
        var source = new PriceSource(Data, UserTable);

        await source.VerifyAsync(CancellationToken.None);
        var last = await source.ReadLastPointsAsync("AAA", 3, CancellationToken.None);
        var after = await source.ReadPointsAfterAsync("BBB", new DateTime(2024, 1, 8, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);
        var added = await source.SyncSeriesAsync(CancellationToken.None);
        var addedAgain = await source.SyncSeriesAsync(CancellationToken.None);
        var recency = await source.ReadRecencyAsync(CancellationToken.None);

        Assert.Equal([107.0, 108.0, 109.0], last.Select(point => point.Value));
        Assert.Equal(new DateTime(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc), last[^1].Timestamp);
        Assert.Equal([108.0, 109.0], after.Select(point => point.Value));
        Assert.Equal((2, 0), (added, addedAgain));
        Assert.Equal(new SeriesRecency(new DateTime(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1)), recency["BBB"]);
        var series = await new SeriesScheduler(Data, source).ListSeriesAsync(CancellationToken.None);
        Assert.Equal(["AAA", "BBB"], series.Select(s => s.SeriesKey));
    }

    [Fact]
    public async Task Reading_the_last_points_and_the_recency_uses_the_key_and_time_index_instead_of_the_whole_table()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices
            SELECT 's' || k, timestamptz '2000-01-01 00:00Z' + d * interval '1 day', d
            FROM generate_series(1, 40) k, generate_series(1, 1000) d;
            ANALYZE prices;
            ANALYZE series;
            """);
        var source = new PriceSource(Data, PriceSourceOptions.Default);

        var plan = await Database.ExplainAsync(source.LastPointsSql, new Dictionary<string, object> { ["key"] = "s7", ["count"] = 64 });
        var points = await source.ReadLastPointsAsync("s7", 64, CancellationToken.None);
        var recencyPlan = await Database.ExplainAsync(source.RecencySql);

        Assert.Contains("Index Scan Backward using prices_pkey", plan, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(937, 64).Select(day => (double)day), points.Select(point => point.Value));
        Assert.Contains("Scan Backward using prices_pkey", recencyPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on prices", recencyPlan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recency_is_each_active_series_newest_point_and_the_median_gap_between_its_last_eleven_points()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices
            -- Half a year of weekly points, then eleven weekdays across two weekends: the weekdays alone set the spacing.
            SELECT 'weekday', (timestamp '2024-01-05' + w * interval '7 days') AT TIME ZONE 'UTC', 1 FROM generate_series(0, 24) w
            UNION ALL
            SELECT 'weekday', d AT TIME ZONE 'UTC', 1 FROM generate_series(timestamp '2024-07-01', '2024-07-15',
            interval '1 day') d WHERE extract(isodow FROM d) < 6
            UNION ALL
            -- Months of 29 to 31 days.
            SELECT 'monthly', (timestamp '2023-01-01' + m * interval '1 month') AT TIME ZONE 'UTC', 1 FROM generate_series(0, 22) m
            UNION ALL
            SELECT 'single', timestamptz '2024-07-15 00:00Z', 1
            UNION ALL
            SELECT 'retired', timestamptz '1999-12-31 00:00Z' + d * interval '1 day', 1 FROM generate_series(0, 20) d;
            -- Prices register their series; this one has none (yet).
            INSERT INTO series (series_key) VALUES ('empty');
            UPDATE series SET active = false WHERE series_key = 'retired';
            """);
        var source = new PriceSource(Data, PriceSourceOptions.Default);

        var recency = await source.ReadRecencyAsync(CancellationToken.None);

        Assert.Equal(
            [
                ("empty", new SeriesRecency(null, null)),
                ("monthly", new SeriesRecency(new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(31))),
                ("single", new SeriesRecency(new DateTime(2024, 7, 15, 0, 0, 0, DateTimeKind.Utc), null)),
                ("weekday", new SeriesRecency(new DateTime(2024, 7, 15, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1))),
            ],
            recency.OrderBy(series => series.Key, StringComparer.Ordinal).Select(series => (series.Key, series.Value)));
    }

    [Theory]
    [InlineData("timestamptz")]
    [InlineData("timestamp")]
    [InlineData("date")]
    public async Task The_typical_spacing_is_measured_in_seconds_whatever_the_type_of_the_timestamp_column(string timestampType)
    {
        await CreateUserTableAsync(timestampType);
        var source = new PriceSource(Data, UserTable);
        await source.SyncSeriesAsync(CancellationToken.None);

        var recency = await source.ReadRecencyAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromDays(1), recency["AAA"].TypicalSpacing);
    }

    [Theory]
    [InlineData("symbol", "observed_at", "close", "value column 'close' does not exist")]
    [InlineData("symbol", "volume", "close_px", "timestamp column 'volume' is bigint, expected timestamptz")]
    [InlineData("volume", "observed_at", "close_px", "key column 'volume' is bigint, expected a text type")]
    [InlineData("symbol", "observed_at", "symbol", "value column 'symbol' is character varying(20), expected a numeric type")]
    public async Task Verification_names_a_missing_or_unusable_column_and_lists_the_present_ones(
        string keyColumn, string timestampColumn, string valueColumn, string expected)
    {
        await CreateUserTableAsync();
        var source = new PriceSource(
            Data,
            UserTable with { KeyColumn = keyColumn, TimestampColumn = timestampColumn, ValueColumn = valueColumn });

        var failure = await Assert.ThrowsAsync<PriceSourceException>(() => source.VerifyAsync(CancellationToken.None));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("close_px, observed_at, symbol, volume", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_reports_a_table_the_login_may_see_but_not_read()
    {
        await CreateUserTableAsync();
        var login = await Database.CreateServiceLoginAsync();
        var role = new Npgsql.NpgsqlConnectionStringBuilder(login).Username;
        await Database.ExecuteAsync($"GRANT USAGE ON SCHEMA market TO \"{role}\"");
        await using var data = Access.ForecasterDatabase.Create(login);
        var source = new PriceSource(data, UserTable);

        var failure = await Assert.ThrowsAsync<PriceSourceException>(() => source.VerifyAsync(CancellationToken.None));

        Assert.Equal("Price source 'market.Quotes' exists but this login may not SELECT from it.", failure.Message);
    }

    [Fact]
    public async Task Verification_reports_a_missing_relation()
    {
        var source = new PriceSource(Data, PriceSourceOptions.Default with { Table = "no_such_table" });

        var failure = await Assert.ThrowsAsync<PriceSourceException>(() => source.VerifyAsync(CancellationToken.None));

        Assert.Contains("'public.no_such_table' does not exist", failure.Message, StringComparison.Ordinal);
    }
}
