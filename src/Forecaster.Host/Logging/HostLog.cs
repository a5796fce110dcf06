using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Logging;

/// <summary>Every log line of the host, source-generated so disabled levels cost nothing.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "Forecaster {Version} starting as instance {InstanceId} on {ConnectionString}")]
    public static partial void Starting(ILogger logger, string version, string instanceId, string connectionString);

    [LoggerMessage(2, LogLevel.Information, "Database migrated: {Count} migration(s) applied")]
    public static partial void Migrated(ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Information, "Cycle started ({Trigger}): {Due} series due, {NotDue} not due")]
    public static partial void CycleStarted(ILogger logger, string trigger, int due, int notDue);

    [LoggerMessage(
        11,
        LogLevel.Information,
        "Cycle finished in {Elapsed}: {Trained} trained, {Failed} failed, {Skipped} skipped, {Cancelled} cancelled on this instance")]
    public static partial void CycleFinished(ILogger logger, TimeSpan elapsed, int trained, int failed, int skipped, int cancelled);

    [LoggerMessage(12, LogLevel.Error, "Cycle failed")]
    public static partial void CycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "Retention pruned {Runs} run(s)")]
    public static partial void Pruned(ILogger logger, int runs);

    [LoggerMessage(14, LogLevel.Warning, "Retention pruning failed; it is retried after the next cycle")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "Looking for due series failed; retrying after {Delay}")]
    public static partial void PollFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "{SeriesKey}: trained in {Elapsed} ({Epochs} epochs, validation MASE " +
        "{Mase:F3}, warm start {WarmStart}); {Points} forecast points published as run {RunId}")]
    public static partial void SeriesTrained(
        ILogger logger,
        string seriesKey,
        TimeSpan elapsed,
        int epochs,
        double mase,
        bool warmStart,
        int points,
        long runId);

    [LoggerMessage(21, LogLevel.Warning, "{SeriesKey}: run {RunId} failed ({ReasonCode}): {Reason}")]
    public static partial void SeriesFailed(ILogger logger, string seriesKey, long runId, string reasonCode, string reason);

    [LoggerMessage(22, LogLevel.Error, "{SeriesKey}: run {RunId} failed unexpectedly")]
    public static partial void SeriesCrashed(ILogger logger, string seriesKey, long runId, Exception exception);

    [LoggerMessage(
        23,
        LogLevel.Information,
        "{SeriesKey}: skipped ({ReasonCode}): {Reason}; it waits for changed data or the maximum model age")]
    public static partial void SeriesSkipped(ILogger logger, string seriesKey, string reasonCode, string reason);

    [LoggerMessage(24, LogLevel.Warning, "{SeriesKey}: run {RunId} cancelled; the series stays due")]
    public static partial void SeriesCancelled(ILogger logger, string seriesKey, long runId);

    [LoggerMessage(25, LogLevel.Warning, "{SeriesKey}: lease lost to another instance; training abandoned")]
    public static partial void LeaseLost(ILogger logger, string seriesKey);

    [LoggerMessage(26, LogLevel.Information, "{SeriesKey}: {Dropped} invalid point(s) dropped, {Duplicates} duplicate stamp(s) merged")]
    public static partial void HistoryCleaned(ILogger logger, string seriesKey, int dropped, int duplicates);

    [LoggerMessage(27, LogLevel.Warning, "{SeriesKey}: stored model version {Version} cannot be read ({Reason}); training from scratch")]
    public static partial void WarmStartUnreadable(ILogger logger, string seriesKey, int version, string reason);

    [LoggerMessage(30, LogLevel.Error, "Recording the outcome of {SeriesKey} failed; its lease will expire and another attempt follows")]
    public static partial void RecordingFailed(ILogger logger, string seriesKey, Exception exception);

    [LoggerMessage(40, LogLevel.Warning, "Refreshing the data-lag gauge failed; it keeps ageing the last reading")]
    public static partial void DataLagRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(300, LogLevel.Information, "Metrics on {MetricsUrl}, health on {ReadyUrl} and healthz/live")]
    public static partial void EndpointListening(ILogger logger, string metricsUrl, string readyUrl);

    [LoggerMessage(
        301,
        LogLevel.Warning,
        "Waiting for the database (attempt {Attempt} failed: {Reason}); next attempt in {Delay}. healthz/ready answers 503 meanwhile")]
    public static partial void WaitingForDatabase(ILogger logger, string reason, TimeSpan delay, int attempt);

    [LoggerMessage(302, LogLevel.Information, "Database available after {Attempts} attempts in {Elapsed}")]
    public static partial void DatabaseAvailable(ILogger logger, int attempts, TimeSpan elapsed);

    [LoggerMessage(303, LogLevel.Critical, "Cannot start: {Reason}")]
    public static partial void CannotStart(ILogger logger, string reason, Exception exception);

    [LoggerMessage(309, LogLevel.Critical, "Start-up failed unexpectedly; the service stops (exit 70)")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(304, LogLevel.Warning, "Another database session holds the lock of instance {InstanceId} (a second " +
        "process with this Forecaster:Workers:InstanceId?); claims keep their lease until it is free")]
    public static partial void InstanceLockTaken(ILogger logger, string instanceId);

    [LoggerMessage(305, LogLevel.Warning, "The connection holding the lock of instance {InstanceId} was lost; taking it again")]
    public static partial void InstanceLockLost(ILogger logger, string instanceId);

    [LoggerMessage(306, LogLevel.Information, "Holding the lock of instance {InstanceId} again")]
    public static partial void InstanceLockTakenAgain(ILogger logger, string instanceId);

    [LoggerMessage(308, LogLevel.Warning, "Released {Count} claim(s) an earlier process of instance {InstanceId} left behind")]
    public static partial void EarlierClaimsReleased(ILogger logger, int count, string instanceId);

    [LoggerMessage(307, LogLevel.Warning, "Keeping the lock of instance {InstanceId} failed; retrying in {Delay}")]
    public static partial void InstanceLockFailed(ILogger logger, string instanceId, TimeSpan delay, Exception exception);
}
