namespace Forecaster.Data.Scheduling;

/// <summary>A series another live instance holds: which one, and until when its lease runs unless renewed. Times are UTC.</summary>
public sealed record HeldSeries(string SeriesKey, string ClaimedBy, DateTime LeaseExpiresAt);
