namespace Forecaster.Core.Backtesting;

/// <summary>
/// One forecast step at one origin: the CSV contract <c>series_key,origin_ts,step,target_ts,forecast,lower,upper,actual</c>
/// plus the method that made it (<c>champion</c> is what the service publishes).
/// </summary>
public sealed record BacktestRow(
    string SeriesKey, DateTime OriginTs, int Step, DateTime TargetTs, double Forecast, double Lower, double Upper,
    double Actual, string Method);
