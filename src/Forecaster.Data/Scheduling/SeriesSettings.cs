namespace Forecaster.Data.Scheduling;

/// <summary>
/// One <c>series</c> row: per-series overrides (null = service default) and scheduling state. Times are UTC.
/// </summary>
public sealed record SeriesSettings(
    string SeriesKey,
    bool Active,
    int? WindowSize,
    int? Horizon,
    int? HiddenSize,
    string? ScheduleCron,
    CalendarInterval? ScheduleInterval,
    CalendarInterval? Cadence,
    DateTime? NextDueAt,
    string? DueReason,
    DateTime? LastWatermark,
    DateTime? LastTrainedAt,
    long? LatestRunId,
    string? ClaimedBy,
    DateTime? LeaseExpiresAt);
