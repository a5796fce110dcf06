namespace Forecaster.Core.Backtesting;

/// <summary>A series' full history: UTC stamps, strictly increasing, one per value.</summary>
public sealed record BacktestSeries(string Key, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<double> Values);
