namespace Forecaster.Core.Calendar;

/// <summary>
/// Infers a series' cadence from its observation stamps. Rules, in order:
/// <list type="number">
/// <item>All stamps share a time of day and sit on the first (or all on the last) day of their month, or all on
/// weekdays among the first (last) four days of their month (business-day month starts and ends): whole calendar
/// months, stepping by the median month gap (monthly, quarterly, annual…).</item>
/// <item>All stamps share a time of day, the median spacing is one day and under 1 % of stamps fall on a
/// weekend: weekdays (Friday → Monday; missing days such as holidays are gaps, not a different cadence).</item>
/// <item>All stamps share a time of day: a fixed step of the median spacing in whole days (daily, weekly…).</item>
/// <item>Anything else (intraday bars, irregular ticks): a fixed step of the median spacing. The median,
/// unlike the mean, ignores overnight and weekend pauses between bursts of ticks.</item>
/// </list>
/// With a time zone the rules read the stamps as that zone's wall time, so a series stamped at local midnight east or
/// west of UTC is still weekdays or months, and its forecast steps land on local weekdays, days and month ends.
/// </summary>
public static class CadenceInference
{
    private const double MaxWeekendShareForWeekdays = 0.01;

    /// <summary>How close to its month's start or end a business-day stamp may sit (a weekend and a holiday).</summary>
    private const int BusinessDaySlack = 4;

    /// <param name="timestamps">Observation stamps (UTC), strictly increasing, at least two.</param>
    /// <param name="timeZone">The series' time zone; null or UTC: the stamps' own clock.</param>
    /// <exception cref="ArgumentException">Fewer than two stamps, or stamps not strictly increasing.</exception>
    public static Cadence Infer(IReadOnlyList<DateTime> timestamps, TimeZoneInfo? timeZone = null)
    {
        if (Local(timeZone) is not { } zone)
        {
            return InferOnClock(timestamps);
        }

        var cadence = InferOnClock([.. timestamps.Select(stamp => ToLocal(stamp, zone))]);

        // Irregular ticks step in elapsed time, which a clock change must not stretch or shrink.
        return cadence is FixedIntervalCadence { Calendar: false } ? InferOnClock(timestamps) : new ZonedCadence(cadence, zone);
    }

    /// <summary>
    /// A cadence the series declares (its <c>cadence</c> setting), which overrides inference: whole months step by
    /// calendar month, anchored as the data are (month start or end, business days) or else on the last observation's
    /// day; whole days step by the series' local days; anything shorter steps in elapsed time.
    /// </summary>
    /// <param name="months">Calendar months of the declared interval (0 for a plain duration).</param>
    /// <param name="duration">The rest of the interval (days and time); must be zero when <paramref name="months"/> is not.</param>
    /// <exception cref="ArgumentException">Neither part positive, or both given.</exception>
    public static Cadence Declared(int months, TimeSpan duration, IReadOnlyList<DateTime> timestamps, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (months < 0 || duration < TimeSpan.Zero || (months == 0) == (duration == TimeSpan.Zero))
        {
            throw new ArgumentException(
                $"A declared cadence is whole months or a positive duration, not {months} month(s) and {duration}.",
                nameof(months));
        }

        var zone = Local(timeZone);
        if (months == 0 && (duration.Ticks % TimeSpan.TicksPerDay != 0 || zone is null))
        {
            return new FixedIntervalCadence(duration, "declared");
        }

        var local = zone is null ? timestamps : [.. timestamps.Select(stamp => ToLocal(stamp, zone))];
        Cadence cadence = months == 0
            ? new FixedIntervalCadence(duration, "declared")
            : new CalendarMonthsCadence(
                months,
                ShareTimeOfDay(local) && MonthAnchorOf(local) is { } anchor ? anchor : AnchorOfLast(local[^1]));
        return zone is null ? cadence : new ZonedCadence(cadence, zone);
    }

    private static MonthAnchor AnchorOfLast(DateTime stamp) =>
        stamp.Day == 1
            ? MonthAnchor.FirstDay
            : stamp.Day == DateTime.DaysInMonth(stamp.Year, stamp.Month) ? MonthAnchor.LastDay : MonthAnchor.SameDay;

    private static TimeZoneInfo? Local(TimeZoneInfo? zone) =>
        zone is null || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime) ? null : zone;

    private static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);

    private static Cadence InferOnClock(IReadOnlyList<DateTime> timestamps)
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
            return new FixedIntervalCadence(medianSpacing, "median spacing of irregular stamps") { Calendar = false };
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

        if (timestamps.All(stamp => stamp.Day == DateTime.DaysInMonth(stamp.Year, stamp.Month)))
        {
            return MonthAnchor.LastDay;
        }

        // Business days: weekdays only, and one per month (a few early-January days are not a monthly series).
        if (timestamps.Any(stamp => WeekdayCadence.IsWeekend(stamp.DayOfWeek))
            || timestamps.Zip(timestamps.Skip(1)).Any(pair => MonthIndex(pair.Second) == MonthIndex(pair.First)))
        {
            return null;
        }

        if (timestamps.All(stamp => stamp.Day <= BusinessDaySlack))
        {
            return MonthAnchor.FirstWeekday;
        }

        return timestamps.All(stamp => stamp.Day > DateTime.DaysInMonth(stamp.Year, stamp.Month) - BusinessDaySlack)
            ? MonthAnchor.LastWeekday
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
