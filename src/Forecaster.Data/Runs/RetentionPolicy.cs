namespace Forecaster.Data.Runs;

/// <summary>
/// How much run history to keep per series: the newest <see cref="KeepRunsPerSeries"/> finished runs, and
/// none started before <see cref="MaxAge"/> ago (null: no age limit). The run behind the latest published
/// forecast is always kept, whatever its rank or age; running runs are never pruned.
/// </summary>
public sealed record RetentionPolicy(int KeepRunsPerSeries, TimeSpan? MaxAge = null);
