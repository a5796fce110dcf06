namespace Forecaster.Core.Calendar;

/// <summary>Where in its month a month-based series is stamped.</summary>
public enum MonthAnchor
{
    /// <summary>The first day of the month (e.g. monthly averages stamped on the 1st).</summary>
    FirstDay,

    /// <summary>The last day of the month, which moves between the 28th and the 31st.</summary>
    LastDay,

    /// <summary>The last weekday of the month (month-end business days: a weekend or holiday moves the stamp earlier).</summary>
    LastWeekday,

    /// <summary>The first weekday of the month (month-start business days).</summary>
    FirstWeekday,

    /// <summary>The same day of the month as the observation (a declared monthly cadence on, say, the 15th).</summary>
    SameDay,
}
