using Microsoft.Extensions.Logging;

namespace Forecaster.Data;

/// <summary>Every log line of the data layer, source-generated so disabled levels cost nothing.</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Migration: {Message}")]
    public static partial void MigrationProgress(ILogger logger, string message);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Database migrated: {Count} migration(s) applied ({Names})")]
    public static partial void Migrated(ILogger logger, int count, IReadOnlyList<string> names);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Transient database failure, retry {Attempt} in {Delay}")]
    public static partial void TransientRetry(ILogger logger, Exception? exception, int attempt, TimeSpan delay);

    [LoggerMessage(
        EventId = 1020,
        Level = LogLevel.Information,
        Message = "Imported {Source}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected")]
    public static partial void Imported(ILogger logger, string source, long inserted, long updated, long unchanged, int rejected);

    [LoggerMessage(
        EventId = 1030,
        Level = LogLevel.Warning,
        Message = "Publish of run {RunId} for {SeriesKey} failed; run marked {Status}")]
    public static partial void PublishFailed(ILogger logger, Exception exception, long runId, string seriesKey, string status);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Error, Message = "Could not record the failed publish of run {RunId} for {SeriesKey}")]
    public static partial void RecordingOutcomeFailed(ILogger logger, Exception exception, long runId, string seriesKey);

    [LoggerMessage(
        EventId = 350,
        Level = LogLevel.Warning,
        Message = "{SeriesKey}: {Count} source row(s) stamped outside {Range} (e.g. infinity or a BC date) ignored")]
    public static partial void OutOfRangeStamps(ILogger logger, string seriesKey, int count, string range);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "Retention pruned {Runs} run(s)")]
    public static partial void Pruned(ILogger logger, int runs);
}
