using Forecaster.Core.Champion;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;

namespace Forecaster.Core.Backtesting;

/// <summary>
/// Rolling-origin evaluation of one series through the service's own path (<see cref="SeriesPipeline"/>).
/// At each origin only the observations up to it exist for training, season detection and the baselines;
/// later values are read solely as actuals. Every origin trains cold (no warm start), so results do not
/// depend on the order origins run in and repeat bit for bit.
/// </summary>
public static class BacktestRunner
{
    /// <summary>Label of the rows the service would have published (the champion, whichever method won).</summary>
    public const string ChampionLabel = "champion";

    /// <summary>MASE scales by the mean absolute one-step change over at most this many points before the origin.</summary>
    public const int ScaleWindow = 1000;

    /// <param name="originIndices">Per origin, the index of its last observed value and the horizon to forecast.</param>
    /// <param name="onSkipped">Called with the origin and reason when the series is too short there to train.</param>
    public static IReadOnlyList<OriginOutcome> Run(
        BacktestSeries series,
        IReadOnlyList<(int OriginIndex, int Horizon)> originIndices,
        TrainingSettings settings,
        ChampionSettings champion,
        Action<DateTime, string>? onSkipped,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(originIndices);
        ArgumentNullException.ThrowIfNull(settings);
        var values = series.Values.ToArray();
        var stamps = series.Timestamps.ToArray();
        var outcomes = new List<OriginOutcome>(originIndices.Count);
        foreach (var (originIndex, horizon) in originIndices)
        {
            ct.ThrowIfCancellationRequested();
            if (originIndex < 0 || originIndex + horizon >= values.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(originIndices),
                    $"Origin {originIndex} with horizon {horizon} leaves no actuals in {values.Length} points.");
            }

            try
            {
                outcomes.Add(RunOrigin(series, values, stamps, originIndex, settings with { Horizon = horizon }, champion, ct));
            }
            catch (ForecastInputException e)
            {
                onSkipped?.Invoke(series.Timestamps[originIndex], e.Message);
            }
        }

        return outcomes;
    }

    private static OriginOutcome RunOrigin(
        BacktestSeries series, double[] values, DateTime[] stampsOf, int originIndex, TrainingSettings settings,
        ChampionSettings champion, CancellationToken ct)
    {
        var history = values.AsSpan(0, originIndex + 1);
        var fit = SeriesPipeline.Fit(stampsOf.AsSpan(0, originIndex + 1), history, settings, champion, warmStarts: [], ct,
            extraBaselines: [ForecastMethod.Drift]);
        var forecasts = new Dictionary<string, Models.SeriesForecast>(StringComparer.Ordinal)
        {
            [ChampionLabel] = fit.Forecast().Forecast,
        };
        foreach (var method in fit.Methods)
        {
            forecasts[method.Name()] = fit.ForecastWith(method);
        }

        var horizon = settings.Horizon;
        return new OriginOutcome(
            series.Key,
            series.Timestamps[originIndex],
            values[originIndex],
            ForecastErrors.InSampleScale(history, ScaleWindow),
            [.. Enumerable.Range(originIndex + 1, horizon).Select(i => series.Timestamps[i])],
            values.AsSpan(originIndex + 1, horizon).ToArray(),
            fit.Champion,
            forecasts);
    }
}
