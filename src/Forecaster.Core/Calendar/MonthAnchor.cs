namespace Forecaster.Core.Calendar;

/// <summary>Where in its month a month-based series is stamped.</summary>
public enum MonthAnchor
{
    /// <summary>The first day of the month (e.g. monthly averages stamped on the 1st).</summary>
    FirstDay,

    /// <summary>The last day of the month, which moves between the 28th and the 31st.</summary>
    LastDay,
}
