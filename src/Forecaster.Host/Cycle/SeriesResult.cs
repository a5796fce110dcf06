namespace Forecaster.Host.Cycle;

/// <summary>What happened to one series in one cycle, as the summary table and the progress line show it.</summary>
public sealed record SeriesResult(
    string SeriesKey,
    SeriesOutcome Outcome,
    long? RunId,
    TimeSpan Elapsed,
    string? ReasonCode = null,
    string? Reason = null,
    int Epochs = 0,
    double? ValidationMase = null,
    bool WarmStarted = false,
    int ForecastPoints = 0,
    string? Cadence = null);
