namespace Forecaster.Core.Calendar;

/// <summary>
/// Infers a series' cadence from its observation stamps. Rules, in order:
/// <list type="number">
/// <item>All stamps share a time of day and sit on the first (or all on the last) day of their month:
/// whole calendar months, stepping by the median month gap (monthly, quarterly, annual…).</item>
/// <item>All stamps share a time of day, the median spacing is one day and under 1 % of stamps fall on a
/// weekend: weekdays (Friday → Monday; missing days such as holidays are gaps, not a different cadence).</item>
/// <item>All stamps share a time of day: a fixed step of the median spacing in whole days (daily, weekly…).</item>
/// <item>Anything else (intraday bars, irregular ticks): a fixed step of the median spacing. The median,
/// unlike the mean, ignores overnight and weekend pauses between bursts of ticks.</item>
/// </list>
/// </summary>
public static class CadenceInference
{
    private const double MaxWeekendShareForWeekdays = 0.01;

    /// <param name="timestamps">Observation stamps, strictly increasing, at least two.</param>
    /// <exception cref="ArgumentException">Fewer than two stamps, or stamps not strictly increasing.</exception>
    public static Cadence Infer(IReadOnlyList<DateTime> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (timestamps.Count < 2)
        {
            throw new ArgumentException(
                $"At least two observations are needed to infer a cadence; got {timestamps.Count}.", nameof(timestamps));
        }

        var spacings = new TimeSpan[timestamps.Count - 1];
        for (var i = 1; i < timestamps.Count; i++)
        {
            spacings[i - 1] = timestamps[i] - timestamps[i - 1];
            if (spacings[i - 1] <= TimeSpan.Zero)
            {
                throw new ArgumentException(
                    $"Observation stamps must be strictly increasing; {timestamps[i]:O} follows {timestamps[i - 1]:O}.",
                    nameof(timestamps));
            }
        }

        var medianSpacing = LowerMedian(spacings);
        if (!ShareTimeOfDay(timestamps))
        {
            return new FixedIntervalCadence(medianSpacing, "median spacing of irregular stamps");
        }

        if (MonthAnchorOf(timestamps) is { } anchor)
        {
            return new CalendarMonthsCadence(MedianMonthGap(timestamps), anchor);
        }

        if (medianSpacing == TimeSpan.FromDays(1) && WeekendShare(timestamps) < MaxWeekendShareForWeekdays)
        {
            return WeekdayCadence.Instance;
        }

        return new FixedIntervalCadence(
            TimeSpan.FromDays(Math.Max(1, Math.Round(medianSpacing.TotalDays))), "median spacing in days");
    }

    private static TimeSpan LowerMedian(TimeSpan[] values)
    {
        Array.Sort(values);
        return values[(values.Length - 1) / 2];
    }

    private static bool ShareTimeOfDay(IReadOnlyList<DateTime> timestamps)
    {
        var timeOfDay = timestamps[0].TimeOfDay;
        return timestamps.All(stamp => stamp.TimeOfDay == timeOfDay);
    }

    private static MonthAnchor? MonthAnchorOf(IReadOnlyList<DateTime> timestamps)
    {
        if (timestamps.All(stamp => stamp.Day == 1))
        {
            return MonthAnchor.FirstDay;
        }

        return timestamps.All(stamp => stamp.Day == DateTime.DaysInMonth(stamp.Year, stamp.Month))
            ? MonthAnchor.LastDay
            : null;
    }

    private static int MedianMonthGap(IReadOnlyList<DateTime> timestamps)
    {
        var gaps = new int[timestamps.Count - 1];
        for (var i = 1; i < timestamps.Count; i++)
        {
            gaps[i - 1] = MonthIndex(timestamps[i]) - MonthIndex(timestamps[i - 1]);
        }

        Array.Sort(gaps);
        return gaps[(gaps.Length - 1) / 2];
    }

    private static int MonthIndex(DateTime stamp) => (stamp.Year * 12) + stamp.Month;

    private static double WeekendShare(IReadOnlyList<DateTime> timestamps) =>
        timestamps.Count(stamp => WeekdayCadence.IsWeekend(stamp.DayOfWeek)) / (double)timestamps.Count;
}
