using Forecaster.Core.Calendar;

namespace Forecaster.Core.Seasonality;

/// <summary>
/// The cycles worth testing for a cadence, in observations, shortest first: a day and a week of intraday bars
/// (a trading week of five days when weekends are not observed), a week of days, a year of weeks, months or
/// quarters. A series only gets the seasons a test then finds in its own data.
/// </summary>
public static class SeasonCandidates
{
    private const double DaysPerYear = 365.25;

    /// <summary>Weekend stamps below this share mean the series is not observed at weekends.</summary>
    private const double MaxWeekendShareOfTradingWeek = 0.02;

    public static IReadOnlyList<double> For(Cadence cadence, IReadOnlyList<DateTime> timestamps)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        ArgumentNullException.ThrowIfNull(timestamps);
        return cadence switch
        {
            WeekdayCadence => [5],
            CalendarMonthsCadence { Months: 1 } => [12],
            CalendarMonthsCadence { Months: 3 } => [4],
            FixedIntervalCadence fixedInterval => ForInterval(fixedInterval.Interval, timestamps),
            _ => [],
        };
    }

    private static IReadOnlyList<double> ForInterval(TimeSpan interval, IReadOnlyList<DateTime> timestamps)
    {
        if (interval == TimeSpan.FromDays(1))
        {
            return [7];
        }

        if (interval == TimeSpan.FromDays(7))
        {
            return [DaysPerYear / 7];
        }

        if (interval >= TimeSpan.FromDays(1) || TimeSpan.FromDays(1).Ticks % interval.Ticks != 0)
        {
            return [];
        }

        var perDay = (double)(TimeSpan.FromDays(1).Ticks / interval.Ticks);
        var daysPerWeek = WeekendShare(timestamps) < MaxWeekendShareOfTradingWeek ? 5 : 7;
        return perDay >= 2 ? [perDay, perDay * daysPerWeek] : [perDay * daysPerWeek];
    }

    private static double WeekendShare(IReadOnlyList<DateTime> timestamps) =>
        timestamps.Count == 0 ? 0 : timestamps.Count(stamp =>
            stamp.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / (double)timestamps.Count;
}
