namespace Forecaster.Data.Backtests;

/// <summary>
/// One <c>backtests</c> row: a forecast step at an origin by one method, with its interval and the actual. Times are
/// UTC.
/// </summary>
public sealed record StoredBacktestRow(
    string SeriesKey, DateTime OriginTs, int Step, DateTime TargetTs, string Method, double Forecast, double Lower,
    double Upper, double Actual);
