namespace Forecaster.Data.Scheduling;

/// <summary>
/// A PostgreSQL interval as stored: months and days are kept apart from the clock time because their length
/// depends on the calendar ("1 month" is not 30 days), which matters for monthly series.
/// </summary>
public readonly record struct CalendarInterval(int Months, int Days, TimeSpan Time);
