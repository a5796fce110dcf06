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
        Description = $"{period} ({(anchor == MonthAnchor.FirstDay ? "month start" : "month end")})";
    }

    public int Months { get; }

    public MonthAnchor Anchor { get; }

    public override string Description { get; }

    public override DateTime SlotAfter(DateTime observation)
    {
        var firstOfMonth = new DateTime(observation.Year, observation.Month, 1, 0, 0, 0, observation.Kind)
            .AddMonths(Months)
            .Add(observation.TimeOfDay);
        return Anchor == MonthAnchor.FirstDay
            ? firstOfMonth
            : firstOfMonth.AddDays(DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month) - 1);
    }
}
