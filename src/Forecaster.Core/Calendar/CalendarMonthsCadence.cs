namespace Forecaster.Core.Calendar;

/// <summary>
/// Whole calendar months between observations (1 = monthly, 3 = quarterly, 12 = annual), pinned to the
/// start or the end of the month so February does not drag later stamps to the 28th.
/// </summary>
public sealed class CalendarMonthsCadence : Cadence
{
    public CalendarMonthsCadence(int months, MonthAnchor anchor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        Months = months;
        Anchor = anchor;
        var period = months switch
        {
            1 => "monthly",
            3 => "quarterly",
            12 => "annual",
            _ => $"every {months} months",
        };
        Description = $"{period} ({anchor switch
        {
            MonthAnchor.FirstDay => "month start",
            MonthAnchor.LastDay => "month end",
            MonthAnchor.LastWeekday => "last weekday",
            MonthAnchor.FirstWeekday => "first weekday",
            _ => "same day",
        }})";
    }

    public int Months { get; }

    public MonthAnchor Anchor { get; }

    public override string Description { get; }

    public override DateTime SlotAfter(DateTime observation)
    {
        if (Anchor == MonthAnchor.SameDay)
        {
            return observation.AddMonths(Months);
        }

        var firstOfMonth = new DateTime(observation.Year, observation.Month, 1, 0, 0, 0, observation.Kind)
            .AddMonths(Months)
            .Add(observation.TimeOfDay);
        var lastOfMonth = firstOfMonth.AddDays(DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month) - 1);
        return Anchor switch
        {
            MonthAnchor.FirstDay => firstOfMonth,
            MonthAnchor.LastDay => lastOfMonth,
            MonthAnchor.FirstWeekday => firstOfMonth.AddDays(WeekendDaysFrom(firstOfMonth, step: 1)),
            _ => lastOfMonth.AddDays(-WeekendDaysFrom(lastOfMonth, step: -1)),
        };
    }

    /// <summary>How many days from <paramref name="day"/> (towards <paramref name="step"/>) are weekend before a weekday.</summary>
    private static int WeekendDaysFrom(DateTime day, int step)
    {
        var days = 0;
        while (WeekdayCadence.IsWeekend(day.AddDays(step * days).DayOfWeek))
        {
            days++;
        }

        return days;
    }
}
