using Forecaster.Core.Features;
using Forecaster.Core.Models;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;

namespace Forecaster.Core.Champion;

/// <summary>
/// The one training path of the service and the backtest: train the network, score the baselines on its
/// validation windows, and choose what is published, so a forecast never validated worse than naive.
/// </summary>
public static class ChampionTrainer
{
    /// <param name="values">Observations in time order, oldest first; nothing after the forecast origin.</param>
    /// <param name="extraBaselines">Baselines scored for comparison only (e.g. drift in a backtest); never published.</param>
    /// <param name="timestamps">UTC stamps of <paramref name="values"/>; without them no calendar inputs are added.</param>
    /// <exception cref="Validation.ForecastInputException">As <see cref="SeriesTrainer.Train"/>.</exception>
    public static ChampionModel Train(
        ReadOnlySpan<double> values,
        TrainingSettings settings,
        ChampionSettings champion,
        SeriesModel? warmStart,
        Action<EpochProgress>? progress,
        CancellationToken ct,
        TimeProvider? timeProvider = null,
        IReadOnlyList<ForecastMethod>? extraBaselines = null,
        ReadOnlySpan<DateTime> timestamps = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(champion);
        var history = values[Math.Max(0, values.Length - settings.MaxTrainingPoints)..];
        var season = champion.SeasonLength ?? SeasonDetector.Detect(history, champion.SeasonCandidates, champion.SeasonThreshold);
        var calendar = CalendarInput(season);
        if (champion.CalendarInputs && !timestamps.IsEmpty && calendar is { } kind && !settings.InputFeatures.Contains(kind))
        {
            settings = settings with { InputFeatures = [.. settings.InputFeatures, kind] };
        }

        var trained = TrainNetwork(values, settings, season, warmStart, progress, timeProvider, timestamps, ct);
        var firstEnd = trained.FirstValidationEnd;

        var contenders = new List<BaselineScore>();
        var extras = new List<BaselineScore>();
        foreach (var method in new[] { ForecastMethod.Naive, ForecastMethod.SeasonalNaive })
        {
            if (BaselineForecasts.CanForecast(method, firstEnd, season))
            {
                contenders.Add(Score(method, values, trained, season));
            }
        }

        foreach (var method in extraBaselines ?? [])
        {
            if (contenders.TrueForAll(c => c.Method != method) && BaselineForecasts.CanForecast(method, firstEnd, season))
            {
                extras.Add(Score(method, values, trained, season));
            }
        }

        var decision = ChampionDecision.Choose(trained.ValidationMae, contenders, champion.MinimumImprovement);
        return new ChampionModel(trained, [.. contenders, .. extras], season, decision);
    }

    /// <summary>
    /// A seasonal series trains against its season when the season covers the horizon, so the network only learns
    /// corrections to seasonal naive with growth. When that cannot train (a season's worth of history fewer leaves
    /// too few windows, or the seasonal changes are constant) the plain network trains instead.
    /// </summary>
    private static TrainingResult TrainNetwork(
        ReadOnlySpan<double> values,
        TrainingSettings settings,
        int season,
        SeriesModel? warmStart,
        Action<EpochProgress>? progress,
        TimeProvider? timeProvider,
        ReadOnlySpan<DateTime> timestamps,
        CancellationToken ct)
    {
        if (season >= 2 && season >= settings.Horizon)
        {
            try
            {
                return SeriesTrainer.Train(values, settings, warmStart, progress, ct, timeProvider, timestamps, seasonalLag: season);
            }
            catch (ForecastInputException e) when (e.Reason is ForecastInputError.SeriesTooShort or ForecastInputError.ConstantSeries)
            {
                // Fall through to the plain network, which needs a season less of history.
            }
        }

        return SeriesTrainer.Train(values, settings, warmStart, progress, ct, timeProvider, timestamps);
    }

    private static InputFeatureKind? CalendarInput(int season) => season switch
    {
        4 or 12 => InputFeatureKind.MonthOfYear,
        24 or 48 or 168 or 336 => InputFeatureKind.HourOfWeek,
        _ => null,
    };

    private static BaselineScore Score(ForecastMethod method, ReadOnlySpan<double> values, TrainingResult trained, int season) =>
        BaselineScore.Measure(
            method,
            values,
            trained.Model.Scaler,
            trained.FirstValidationEnd,
            trained.ValidationWindows,
            trained.Model.Horizon,
            season,
            trained.Model.Calibration.Levels);
}
