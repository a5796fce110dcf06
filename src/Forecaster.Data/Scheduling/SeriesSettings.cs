namespace Forecaster.Data.Scheduling;

/// <summary>
/// One <c>series</c> row: per-series overrides (null = service default) and scheduling state. Times are UTC.
/// <see cref="InputsVersion"/> counts changes of the series' source rows (migration V8); a run hands back the version
/// it was claimed at, so a change made while it trained keeps the series due.
/// </summary>
public sealed record SeriesSettings(
    string SeriesKey,
    bool Active,
    int? WindowSize,
    int? Horizon,
    int? HiddenSize,
    string? TimeZone,
    CalendarInterval? ScheduleInterval,
    CalendarInterval? Cadence,
    DateTime? NextDueAt,
    string? DueReason,
    DateTime? LastWatermark,
    DateTime? LastTrainedAt,
    long? LatestRunId,
    string? ClaimedBy,
    DateTime? LeaseExpiresAt,
    long InputsVersion);
