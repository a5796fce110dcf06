namespace Forecaster.Core.Backtesting;

/// <summary>
/// One forecast origin: the model may see observations with <c>ts ≤ OriginTs</c> and forecasts the next
/// <see cref="Horizon"/> observations (null: the series' own horizon).
/// </summary>
public sealed record OriginSpec(DateTime OriginTs, int? Horizon);
