namespace Forecaster.Core.Backtesting;

/// <summary>
/// How one interval level did: the share of actuals inside it, and the mean scaled interval score (MSIS, the M4
/// competition's interval measure: width plus 2/α times each miss, on the scale MASE uses), which rewards narrow
/// intervals only while they still cover.
/// </summary>
public sealed record IntervalScore(double Level, double Coverage, double Msis);
