using Forecaster.Core.Models;
using Forecaster.Data.Runs;

namespace Forecaster.Host.Cycle;

/// <summary>Maps a forecast onto the stored rows, which carry the 80 % and 95 % bands when the model has them.</summary>
internal static class ForecastPoints
{
    public static IReadOnlyList<ForecastPoint> From(SeriesForecast forecast, IReadOnlyList<DateTime> targets)
    {
        var band80 = Band(forecast, 0.80);
        var band95 = Band(forecast, 0.95);
        return forecast.Values
            .Select((value, k) => new ForecastPoint(
                k + 1, targets[k], value, band80?.Lower[k], band80?.Upper[k], band95?.Lower[k], band95?.Upper[k]))
            .ToArray();
    }

    private static PredictionInterval? Band(SeriesForecast forecast, double level) =>
        forecast.Intervals.FirstOrDefault(interval => Math.Abs(interval.Level - level) < 1e-9);
}
