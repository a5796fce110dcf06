using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

/// <summary>
/// Rows stamped at ±infinity or before year 1 are ignored by every read and never affect another series (issue 13, item
/// 9).
/// </summary>
public sealed class OutOfRangeStampTests : DatabaseTest
{
    private static readonly DateTime Newest = new(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc);

    private PriceSource Source => new(Data, PriceSourceOptions.Default);

    private Task<int> SeedAsync() => Database.ExecuteAsync(
        """
        INSERT INTO prices SELECT k, timestamptz '2026-03-01Z' + d * interval '1 day', 10 + d
        FROM unnest(ARRAY['bad', 'good']) k, generate_series(0, 4) d;
        INSERT INTO prices VALUES ('bad', 'infinity', 1), ('bad', '-infinity', 1), ('bad', '0001-01-01 BC', 1), ('bad',
        '0001-01-01 00:00Z', 1);
        """);

    [Fact]
    public async Task Reads_and_data_lag_leave_out_stamps_outside_the_supported_range_for_that_series_only()
    {
        await SeedAsync();

        var last = await Source.ReadLastPointsAsync("bad", 20, CancellationToken.None);
        var all = await Source.ReadPointsAfterAsync(
            "bad",
            DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            CancellationToken.None);
        var recency = await Source.ReadRecencyAsync(CancellationToken.None);

        Assert.Equal([10.0, 11, 12, 13, 14], last.Select(point => point.Value));
        Assert.Equal([10.0, 11, 12, 13, 14], all.Select(point => point.Value));
        Assert.Equal(new SeriesRecency(Newest, TimeSpan.FromDays(1)), recency["bad"]);
        Assert.Equal(new SeriesRecency(Newest, TimeSpan.FromDays(1)), recency["good"]);
    }

    [Fact]
    public async Task A_row_at_infinity_is_not_new_data_forever()
    {
        await SeedAsync();
        await Database.ExecuteAsync(
            "UPDATE series SET last_trained_at = '2026-03-06Z', last_watermark = '2026-03-05Z', attempted_version = inputs_version");

        var marked = await new SeriesScheduler(Data, Source).MarkDueAsync(
            new DateTime(2026, 3, 6, 1, 0, 0, DateTimeKind.Utc),
            TimeSpan.FromDays(7),
            CancellationToken.None);

        Assert.Equal(0, marked);
    }
}
