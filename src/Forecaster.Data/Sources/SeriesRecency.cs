namespace Forecaster.Data.Sources;

/// <summary>
/// How recent a series' source data is, for data-lag metrics. <see cref="NewestPoint"/> is UTC, null when the
/// source has no point for the series; <see cref="TypicalSpacing"/> is the median gap between its last points,
/// null with fewer than two, so a monthly series can be judged against a month rather than against a day.
/// </summary>
public readonly record struct SeriesRecency(DateTime? NewestPoint, TimeSpan? TypicalSpacing);
