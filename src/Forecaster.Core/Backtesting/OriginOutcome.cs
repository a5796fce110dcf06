using Forecaster.Core.Champion;
using Forecaster.Core.Models;

namespace Forecaster.Core.Backtesting;

/// <summary>
/// Every method's forecast from one origin next to what happened. <see cref="Scale"/> is the in-sample mean
/// absolute one-step change MASE divides by; <see cref="Forecasts"/> is keyed by method label
/// (<see cref="BacktestRunner.ChampionLabel"/> and the <see cref="ForecastMethodNames.Name"/> of each method).
/// </summary>
public sealed record OriginOutcome(
    string SeriesKey,
    DateTime OriginTs,
    double OriginValue,
    double Scale,
    IReadOnlyList<DateTime> TargetTimestamps,
    IReadOnlyList<double> Actuals,
    ForecastMethod Champion,
    IReadOnlyDictionary<string, SeriesForecast> Forecasts)
{
    /// <summary>The rows of every method, with the interval at <paramref name="level"/>.</summary>
    public IEnumerable<BacktestRow> Rows(double level)
    {
        foreach (var (method, forecast) in Forecasts)
        {
            var interval = forecast.Intervals.First(i => Math.Abs(i.Level - level) < 1e-9);
            for (var k = 0; k < Actuals.Count; k++)
            {
                yield return new BacktestRow(
                    SeriesKey, OriginTs, k + 1, TargetTimestamps[k], forecast.Values[k], interval.Lower[k], interval
                        .Upper[k], Actuals[k], method);
            }
        }
    }
}
