using Forecaster.Host.Cycle;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary>A series' time zone and declared cadence reach its published forecast (issue 13, items 10 and 11).</summary>
public sealed class SeriesCalendarTests : DatabaseTest
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // Weekdays at Tokyo midnight (15:00 UTC the day before), a random walk; the same closes as a weekly series.
        await Database.ExecuteAsync(
            """
            INSERT INTO prices
            SELECT 'tokyo/weekdays', (d::timestamp) AT TIME ZONE 'Asia/Tokyo', 100 * exp(0.01 * sum(sin(n * 1.7)) OVER (ORDER BY d))
            FROM generate_series(date '2023-01-02', date '2024-03-08', interval '1 day') WITH ORDINALITY AS g(d, n)
            WHERE extract(isodow FROM d) < 6;
            INSERT INTO prices SELECT 'declared/weekly', ts, price FROM prices WHERE series_key = 'tokyo/weekdays';
            UPDATE series SET time_zone = 'Asia/Tokyo' WHERE series_key = 'tokyo/weekdays';
            UPDATE series SET cadence = '7 days' WHERE series_key = 'declared/weekly';
            """);
    }

    private async Task<DateTime[]> TargetsAsync(string key) =>
        [.. (await Database.RowsAsync($"SELECT target_ts FROM latest_forecasts WHERE series_key = '{key}' ORDER BY step")).Select(
            row => (DateTime)row[0]!)];

    [Fact]
    public async Task A_series_in_its_own_time_zone_is_forecast_on_its_local_weekdays_and_a_declared_cadence_overrides_inference()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "calendar");

        var summary = await host.RunCycleAsync();

        Assert.All(summary.Results, result => Assert.Equal(SeriesOutcome.Trained, result.Outcome));
        var local = (await TargetsAsync("tokyo/weekdays")).Select(target => TimeZoneInfo.ConvertTimeFromUtc(target, Tokyo)).ToArray();
        Assert.Equal([new DateTime(2024, 3, 11), new DateTime(2024, 3, 12), new DateTime(2024, 3, 13)], local);
        var weekly = await TargetsAsync("declared/weekly");
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(7)], weekly.Zip(weekly.Skip(1), (a, b) => b - a));
    }
}
