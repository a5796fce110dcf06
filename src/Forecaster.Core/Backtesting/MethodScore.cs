namespace Forecaster.Core.Backtesting;

/// <summary>
/// One method's accuracy over a set of (series, origin) pairs, each pair weighing the same. MASE and
/// relative MASE (to naive on the same pairs) are means of per-origin values, as is MSIS; coverage pools the steps.
/// </summary>
public sealed record MethodScore(
    string Scope,
    string Method,
    int Origins,
    double Mae,
    double Rmse,
    double Smape,
    double Mase,
    double RelativeMase,
    double DirectionalAccuracy,
    IReadOnlyList<IntervalScore> Intervals);
