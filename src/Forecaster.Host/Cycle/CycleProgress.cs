namespace Forecaster.Host.Cycle;

/// <summary>Reported after each series this instance finishes; <see cref="Due"/> counts the series the cycle marked due.</summary>
public sealed record CycleProgress(int Done, int Due, TimeSpan Elapsed, SeriesResult Latest);
