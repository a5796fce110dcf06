using Forecaster.Core.Calendar;
using Xunit;

namespace Forecaster.Core.Tests.Calendar;

/// <summary>Cadences in a series' own time zone, month ends, and declared cadences (issue 13, items 10 and 11).</summary>
public sealed class LocalCalendarTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Local midnight of each weekday from <paramref name="first"/> on, as UTC stamps.</summary>
    private static List<DateTime> LocalWeekdayMidnights(DateTime first, int count, TimeZoneInfo zone)
    {
        var stamps = new List<DateTime>();
        for (var day = first; stamps.Count < count; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                stamps.Add(TimeZoneInfo.ConvertTimeToUtc(day, zone));
            }
        }

        return stamps;
    }

    private static DateTime[] Local(IEnumerable<DateTime> utc, TimeZoneInfo zone) =>
        [.. utc.Select(stamp => TimeZoneInfo.ConvertTimeFromUtc(stamp, zone))];

    [Theory]
    [InlineData("Asia/Tokyo")]
    [InlineData("America/New_York")]
    public void A_weekday_series_stamped_at_local_midnight_is_forecast_on_local_weekdays_at_local_midnight(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        // Ends on Friday 2024-03-08; New York's clocks go forward on Sunday 2024-03-10.
        var stamps = LocalWeekdayMidnights(new DateTime(2024, 1, 2), 49, zone);
        var targets = Local(CadenceInference.Infer(stamps, zone).Project(stamps[^1], 6), zone);

        Assert.Equal(
            [new DateTime(2024, 3, 11), new DateTime(2024, 3, 12), new DateTime(2024, 3, 13), new DateTime(2024, 3, 14), new DateTime(
                2024,
                3,
                15), new DateTime(2024, 3, 18)],
            targets);
    }

    [Fact]
    public void The_same_stamps_read_in_UTC_are_not_weekdays()
    {
        // What the service did before: Tokyo's midnight is 15:00 UTC the day before, so Sunday holds a fifth of the stamps.
        var stamps = LocalWeekdayMidnights(new DateTime(2024, 1, 2), 50, Tokyo);

        Assert.IsNotType<WeekdayCadence>(CadenceInference.Infer(stamps));
    }

    [Fact]
    public void Month_end_business_days_are_monthly_and_continue_on_the_last_weekday()
    {
        // Last trading days: 2024-03-28 (Good Friday the 29th), 2024-06-28 (the 30th is a Sunday), 2024-08-30.
        DateTime[] stamps =
        [
            new(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc), new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), new(
                2024,
                3,
                28,
                0,
                0,
                0,
                DateTimeKind.Utc),
            new(2024, 4, 30, 0, 0, 0, DateTimeKind.Utc), new(2024, 5, 31, 0, 0, 0, DateTimeKind.Utc), new(
                2024,
                6,
                28,
                0,
                0,
                0,
                DateTimeKind.Utc),
            new(2024, 7, 31, 0, 0, 0, DateTimeKind.Utc), new(2024, 8, 30, 0, 0, 0, DateTimeKind.Utc),
        ];

        var cadence = CadenceInference.Infer(stamps);

        Assert.Equal(new CalendarMonthsCadence(1, MonthAnchor.LastWeekday).Description, cadence.Description);
        Assert.Equal(
            [new DateTime(2024, 9, 30, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 10, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(
                2024,
                11,
                29,
                0,
                0,
                0,
                DateTimeKind.Utc)],
            cadence.Project(stamps[^1], 3));
    }

    [Fact]
    public void Month_ends_at_local_midnight_across_daylight_saving_are_monthly_not_every_31_days()
    {
        var stamps = Enumerable.Range(0, 14)
            .Select(month => new DateTime(2023, 1, 1).AddMonths(month + 1).AddDays(-1))
            .Select(lastDay => TimeZoneInfo.ConvertTimeToUtc(lastDay, Berlin))
            .ToList();

        var targets = Local(CadenceInference.Infer(stamps, Berlin).Project(stamps[^1], 3), Berlin);

        Assert.Equal([new DateTime(2024, 3, 31), new DateTime(2024, 4, 30), new DateTime(2024, 5, 31)], targets);
    }

    [Fact]
    public void Irregular_ticks_step_in_elapsed_time_even_in_a_time_zone()
    {
        var stamps = Enumerable.Range(0, 30).Select(i => new DateTime(2024, 3, 9, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 37 + (i % 3)))
            .ToList();

        var cadence = CadenceInference.Infer(stamps, NewYork);

        Assert.Equal(CadenceInference.Infer(stamps).Description, cadence.Description);
    }

    [Fact]
    public void A_declared_cadence_overrides_inference_in_calendar_months_local_days_or_elapsed_time()
    {
        var daily = Enumerable.Range(0, 40).Select(day => new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc).AddDays(day)).ToList();

        var monthly = CadenceInference.Declared(1, TimeSpan.Zero, daily).Project(daily[^1], 2);
        var weekly = Local(CadenceInference.Declared(
            0,
            TimeSpan.FromDays(7),
            LocalWeekdayMidnights(new DateTime(2024, 3, 1), 5, NewYork),
            NewYork)
            .Project(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2024, 3, 7), NewYork), 1), NewYork);
        var hourly = CadenceInference.Declared(0, TimeSpan.FromHours(1), daily, Tokyo).Project(daily[^1], 1);

        Assert.Equal([new DateTime(2024, 3, 23, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 23, 0, 0, 0, DateTimeKind.Utc)], monthly);
        Assert.Equal([new DateTime(2024, 3, 14)], weekly);
        Assert.Equal([daily[^1].AddHours(1)], hourly);
        Assert.Throws<ArgumentException>(() => CadenceInference.Declared(1, TimeSpan.FromDays(1), daily));
    }
}
