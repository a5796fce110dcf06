namespace Forecaster.Core.Champion;

/// <summary>Point forecasts of the baselines from the window ending at index <c>end</c> of a price series.</summary>
public static class BaselineForecasts
{
    /// <summary>Drift averages the change over at most this many recent points, as the published baselines do.</summary>
    public const int DriftLookback = 1000;

    /// <summary>Whether <paramref name="method"/> can forecast from a window ending at <paramref name="end"/>.</summary>
    public static bool CanForecast(ForecastMethod method, int end, int seasonLength) => method switch
    {
        ForecastMethod.Naive => end >= 0,
        ForecastMethod.SeasonalNaive => seasonLength >= 2 && end + 1 >= seasonLength,
        ForecastMethod.Drift => end >= 1,
        ForecastMethod.SeasonalDrift => seasonLength >= 2 && end + 1 >= 2 * seasonLength,
        _ => false,
    };

    /// <summary>The forecast <paramref name="step"/> (1-based) observations after <paramref name="end"/>.</summary>
    public static double Point(ForecastMethod method, ReadOnlySpan<double> values, int end, int step, int seasonLength) => method switch
    {
        ForecastMethod.Naive => values[end],

        // Steps beyond one season repeat the last observed season.
        ForecastMethod.SeasonalNaive => values[end + step - (seasonLength * ((step + seasonLength - 1) / seasonLength))],
        ForecastMethod.Drift => Drift(values, end, step),
        ForecastMethod.SeasonalDrift => SeasonalDrift(values, end, step, seasonLength),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a baseline."),
    };

    private static double Drift(ReadOnlySpan<double> values, int end, int step)
    {
        var start = Math.Max(0, end - DriftLookback + 1);
        return values[end] + (step * (values[end] - values[start]) / (end - start));
    }

    /// <summary>
    /// Seasonal naive grown by the mean log change over one season of the last season's observations, once per season
    /// ahead: a trending season (more passengers every year) without the noise of a single year-on-year ratio.
    /// </summary>
    private static double SeasonalDrift(ReadOnlySpan<double> values, int end, int step, int seasonLength)
    {
        var growth = 0.0;
        for (var i = end - seasonLength + 1; i <= end; i++)
        {
            growth += Math.Log(values[i] / values[i - seasonLength]);
        }

        var seasonsAhead = (step + seasonLength - 1) / seasonLength;
        return Point(ForecastMethod.SeasonalNaive, values, end, step, seasonLength) * Math.Exp(seasonsAhead * growth / seasonLength);
    }
}
