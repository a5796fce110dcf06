using Forecaster.Core.Calendar;
using Xunit;

namespace Forecaster.Core.Tests.Calendar;

public sealed class CadenceInferenceTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    private static List<DateTime> Weekdays(DateTime first, int count)
    {
        var stamps = new List<DateTime> { first };
        while (stamps.Count < count)
        {
            stamps.Add(WeekdayCadence.Instance.SlotAfter(stamps[^1]));
        }

        return stamps;
    }

    [Fact]
    public void Weekday_daily_data_continues_from_Friday_to_Monday()
    {
        // Ends Friday 1998-08-14, like eu_stock_daily.
        var stamps = Weekdays(Utc(1998, 6, 1), 55);
        Assert.Equal(DayOfWeek.Friday, stamps[^1].DayOfWeek);

        var cadence = CadenceInference.Infer(stamps);

        Assert.IsType<WeekdayCadence>(cadence);
        Assert.Equal(
            [Utc(1998, 8, 17), Utc(1998, 8, 18), Utc(1998, 8, 19), Utc(1998, 8, 20), Utc(1998, 8, 21), Utc(1998, 8, 24)],
            cadence.Project(stamps[^1], 6));
    }

    [Fact]
    public void Gappy_weekday_data_is_still_weekdays()
    {
        var stamps = Weekdays(Utc(1989, 1, 2), 64);
        stamps.RemoveAll(stamp => stamp.Day is 10 or 11 or 12 || stamp == Utc(1989, 2, 24));

        var cadence = CadenceInference.Infer(stamps);

        Assert.IsType<WeekdayCadence>(cadence);
        Assert.All(cadence.Project(stamps[^1], 10), stamp => Assert.False(stamp.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    [Fact]
    public void Every_day_data_including_weekends_steps_one_calendar_day()
    {
        var stamps = Enumerable.Range(0, 30).Select(day => Utc(2024, 3, 1).AddDays(day)).ToList();

        var cadence = CadenceInference.Infer(stamps);

        var fixedStep = Assert.IsType<FixedIntervalCadence>(cadence);
        Assert.Equal(TimeSpan.FromDays(1), fixedStep.Interval);
        Assert.Equal(Utc(2024, 3, 31), cadence.SlotAfter(stamps[^1]));
    }

    [Fact]
    public void Month_start_data_continues_on_month_starts()
    {
        var stamps = Enumerable.Range(0, 24).Select(month => Utc(2008, 4, 1).AddMonths(month)).ToList();

        var cadence = CadenceInference.Infer(stamps);

        var months = Assert.IsType<CalendarMonthsCadence>(cadence);
        Assert.Equal((1, MonthAnchor.FirstDay), (months.Months, months.Anchor));
        Assert.Equal([Utc(2010, 4, 1), Utc(2010, 5, 1), Utc(2010, 6, 1)], cadence.Project(stamps[^1], 3));
    }

    [Fact]
    public void Month_end_data_continues_on_month_ends_through_February()
    {
        var stamps = Enumerable.Range(0, 12)
            .Select(month => Utc(2023, 1, 1).AddMonths(month))
            .Select(first => first.AddDays(DateTime.DaysInMonth(first.Year, first.Month) - 1))
            .ToList();

        var cadence = CadenceInference.Infer(stamps);

        Assert.Equal(MonthAnchor.LastDay, Assert.IsType<CalendarMonthsCadence>(cadence).Anchor);
        Assert.Equal([Utc(2024, 1, 31), Utc(2024, 2, 29), Utc(2024, 3, 31)], cadence.Project(stamps[^1], 3));
    }

    [Fact]
    public void Monthly_data_with_a_missing_month_keeps_a_one_month_step()
    {
        var stamps = Enumerable.Range(0, 20).Where(month => month != 7).Select(month => Utc(1990, 1, 1).AddMonths(month)).ToList();

        Assert.Equal(1, Assert.IsType<CalendarMonthsCadence>(CadenceInference.Infer(stamps)).Months);
    }

    [Fact]
    public void Quarterly_data_steps_three_months()
    {
        var stamps = Enumerable.Range(0, 12).Select(quarter => Utc(1984, 1, 1).AddMonths(3 * quarter)).ToList();

        var cadence = CadenceInference.Infer(stamps);

        Assert.Equal(3, Assert.IsType<CalendarMonthsCadence>(cadence).Months);
        Assert.Equal(Utc(1987, 1, 1), cadence.SlotAfter(stamps[^1]));
    }

    [Fact]
    public void Annual_data_from_year_1500_continues_on_years()
    {
        var stamps = Enumerable.Range(1500, 370).Select(year => Utc(year, 1, 1)).ToList();

        var cadence = CadenceInference.Infer(stamps);

        Assert.Equal(12, Assert.IsType<CalendarMonthsCadence>(cadence).Months);
        Assert.Equal("annual (month start)", cadence.Description);
        Assert.Equal([Utc(1870, 1, 1), Utc(1871, 1, 1), Utc(1872, 1, 1)], cadence.Project(stamps[^1], 3));
        Assert.Equal(Utc(1501, 1, 1), cadence.SlotAfter(Utc(1500, 1, 1)));
    }

    [Fact]
    public void Irregular_ticks_step_by_the_median_spacing_ignoring_overnight_pauses()
    {
        // Minute-resolution quotes like usdthb_ticks: bursts of 1-3 minutes, then a pause of hours.
        var stamps = new List<DateTime> { Utc(1997, 6, 2, 9, 0) };
        int[] gapsInMinutes = [1, 2, 1, 3, 1, 2, 600, 1, 1, 2, 1, 900, 2, 1, 3, 1];
        foreach (var gap in gapsInMinutes)
        {
            stamps.Add(stamps[^1].AddMinutes(gap));
        }

        var cadence = CadenceInference.Infer(stamps);

        Assert.Equal(TimeSpan.FromMinutes(1), Assert.IsType<FixedIntervalCadence>(cadence).Interval);
        Assert.Equal(stamps[^1].AddMinutes(2), cadence.Project(stamps[^1], 2)[1]);
    }

    [Fact]
    public void Hourly_bars_step_one_hour()
    {
        var stamps = Enumerable.Range(0, 48).Select(hour => Utc(2020, 1, 6).AddHours(hour)).ToList();

        Assert.Equal(TimeSpan.FromHours(1), Assert.IsType<FixedIntervalCadence>(CadenceInference.Infer(stamps)).Interval);
    }

    [Fact]
    public void Projected_stamps_keep_the_utc_kind_and_time_of_day()
    {
        var stamps = Weekdays(Utc(2021, 3, 1, 16, 30), 20);

        var next = CadenceInference.Infer(stamps).SlotAfter(stamps[^1]);

        Assert.Equal((DateTimeKind.Utc, new TimeSpan(16, 30, 0)), (next.Kind, next.TimeOfDay));
    }

    [Fact]
    public void Fewer_than_two_stamps_are_rejected_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => CadenceInference.Infer([Utc(2020, 1, 1)]));

        Assert.Contains("At least two observations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unordered_or_duplicate_stamps_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CadenceInference.Infer([Utc(2020, 1, 2), Utc(2020, 1, 2)]));
        Assert.Throws<ArgumentException>(() => CadenceInference.Infer([Utc(2020, 1, 2), Utc(2020, 1, 1)]));
    }
}
