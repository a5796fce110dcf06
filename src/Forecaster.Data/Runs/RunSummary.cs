namespace Forecaster.Data.Runs;

/// <summary>A run as recorded (the subset callers inspect after the fact).</summary>
public sealed record RunSummary(
    long RunId,
    string SeriesKey,
    RunStatus Status,
    string InstanceId,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? ReasonCode,
    string? ErrorText,
    DateTime? DataWatermark,
    int? ModelVersion);
