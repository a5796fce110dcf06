namespace Forecaster.Core.Backtesting;

/// <summary>A series' full history (UTC stamps, strictly increasing) with its forecast horizon.</summary>
public sealed record BacktestSeries(string Key, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<double> Values, int Horizon)
{
    /// <summary>The part of the key before '/', grouping series of one kind in summaries.</summary>
    public string Family => Key.Split('/')[0];
}
