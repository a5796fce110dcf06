using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Npgsql;

namespace Forecaster.Data.Tests;

/// <summary>
/// Per-series settings: time zones from the IANA database, declared cadences, schedule intervals; no column that does
/// nothing (issue 13, items 10 and 11).
/// </summary>
public sealed class SeriesSettingsTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    private SeriesScheduler Scheduler => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    [Fact]
    public async Task A_time_zone_must_be_in_the_IANA_database_and_a_cadence_whole_months_or_a_duration()
    {
        await Database.ExecuteAsync("INSERT INTO series (series_key) VALUES ('a')");

        var zone = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("UPDATE series SET time_zone = 'Europe/Berln'"));
        var cadence = await Assert.ThrowsAsync<PostgresException>(
            () => Database.ExecuteAsync("UPDATE series SET cadence = '1 mon 15 days'"));
        await Database.ExecuteAsync("UPDATE series SET time_zone = 'Asia/Tokyo', cadence = '3 mons'");
        await Database.ExecuteAsync("UPDATE series SET cadence = '7 days'");

        Assert.Equal(PostgresErrorCodes.CheckViolation, zone.SqlState);
        Assert.Contains("'Europe/Berln' is not in the IANA time zone database", zone.MessageText, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.CheckViolation, cadence.SqlState);
        var series = (await Scheduler.GetSeriesAsync("a", CancellationToken.None))!;
        Assert.Equal(("Asia/Tokyo", new CalendarInterval(0, 7, TimeSpan.Zero)), (series.TimeZone, series.Cadence!.Value));
    }

    [Fact]
    public async Task No_series_column_is_left_that_the_service_ignores()
    {
        var columns = (await Database.RowsAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'series'"))
            .Select(row => (string)row[0]!).ToArray();

        Assert.DoesNotContain("schedule_cron", columns);
        Assert.Contains("time_zone", columns);
    }

    [Fact]
    public async Task Changing_a_setting_makes_the_series_due_to_train_with_it()
    {
        await Database.ExecuteAsync(
            "INSERT INTO series (series_key, last_trained_at) VALUES ('a', '2026-03-02 11:00Z'), ('b', '2026-03-02 11:00Z')");

        await Database.ExecuteAsync("UPDATE series SET time_zone = 'Europe/Berlin', window_size = 16 WHERE series_key = 'a'");
        await Database.ExecuteAsync("UPDATE series SET window_size = NULL WHERE series_key = 'b'");

        Assert.Equal(1, await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None));
        Assert.NotNull((await Scheduler.GetSeriesAsync("a", CancellationToken.None))!.NextDueAt);
    }

    [Fact]
    public async Task A_series_with_a_schedule_interval_trains_at_most_once_per_interval()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices SELECT k, timestamptz '2026-03-01Z', 1 FROM unnest(ARRAY['hourly_ticks', 'daily_model', 'plain']) k;
            UPDATE series SET last_trained_at = '2026-03-02 10:00Z', last_watermark = '2026-02-28Z';
            UPDATE series SET schedule_interval = '1 day' WHERE series_key = 'daily_model';
            UPDATE series SET schedule_interval = '1 hour' WHERE series_key = 'hourly_ticks';
            """);

        await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None);
        var viaCycle = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey, s => s.NextDueAt);
        await Database.ExecuteAsync("UPDATE series SET next_due_at = NULL");
        await Scheduler.MarkNewDataDueAsync([], Now, CancellationToken.None);
        var viaNotification = (await Scheduler.ListSeriesAsync(CancellationToken.None)).ToDictionary(s => s.SeriesKey, s => s.NextDueAt);

        Assert.Equal(viaCycle, viaNotification);
        Assert.Equal(Now, viaNotification["plain"]);
        Assert.Equal(Now, viaNotification["hourly_ticks"]);
        Assert.Equal(new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), viaNotification["daily_model"]);
        Assert.Empty(await Scheduler.ClaimDueAsync("node", 10, TimeSpan.FromMinutes(5), Now, ["daily_model"], CancellationToken.None));
    }
}
