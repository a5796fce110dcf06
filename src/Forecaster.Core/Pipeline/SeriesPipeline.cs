using Forecaster.Core.Calendar;
using Forecaster.Core.Champion;
using Forecaster.Core.Features;
using Forecaster.Core.Linear;
using Forecaster.Core.Models;
using Forecaster.Core.Seasonality;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;
using Forecaster.Core.Windowing;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// The one per-series path of the service and the backtest: clean → cadence → seasons → linear base → networks
/// → choose → forecast with stamps. The service calls it once per claimed series; the backtest once per origin on
/// the history up to it. Only the most recent <see cref="TrainingSettings.MaxTrainingPoints"/> values are modelled.
/// </summary>
public static class SeriesPipeline
{
    /// <summary>Refits of the linear contender across the validation origins (see <see cref="RollingLinearAt"/>).</summary>
    private const int LinearRefits = 4;

    /// <summary>Relative ridge penalties tried for the linear base, chosen on its own latest training windows.</summary>
    private static readonly double[] RidgePenalties = [1e-4, 1e-3, 1e-2, 1e-1, 1];

    /// <inheritdoc cref="HistoryCleaner.Clean"/>
    public static CleanHistory Clean(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, CleaningPolicy policy) =>
        HistoryCleaner.Clean(timestamps, values, policy);

    /// <summary>Everything after cleaning, on clean history (strictly increasing UTC stamps, positive finite values).</summary>
    /// <param name="warmStarts">The series' previous networks, refined instead of trained from scratch when they still fit.</param>
    /// <param name="extraBaselines">Baselines scored for comparison only (the backtest's drift); never published.</param>
    /// <param name="cadence">The series' own cadence (declared, or inferred in its time zone); null infers it from the UTC stamps.</param>
    /// <exception cref="ForecastInputException">The history cannot be trained on; the reason says why.</exception>
    public static SeriesFit Fit(
        ReadOnlySpan<DateTime> timestamps,
        ReadOnlySpan<double> values,
        TrainingSettings training,
        ChampionSettings champion,
        IReadOnlyList<SeriesModel> warmStarts,
        CancellationToken ct,
        TimeProvider? timeProvider = null,
        IReadOnlyList<ForecastMethod>? extraBaselines = null,
        Cadence? cadence = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(warmStarts);
        training.EnsureValid();
        var offset = Math.Max(0, values.Length - training.MaxTrainingPoints);
        var stamps = timestamps[offset..].ToArray();
        var series = values[offset..].ToArray();
        SeriesValidator.RequireFinite(series, offset);
        SeriesValidator.RequirePositive(series, offset);
        SeriesValidator.RequireVariation(series);
        cadence ??= CadenceInference.Infer(stamps);
        var logs = series.Select(value => Math.Log(value)).ToArray();
        var horizon = training.Horizon;
        var candidates = Candidates(series.Length, stamps, cadence, champion);
        var lags = LinearLags(candidates);

        // Windows start where the linear base could read every candidate's anchor, whichever seasons are kept, so the
        // windows do not depend on the test's outcome and the test never reads what validation will score.
        var earliestEnd = new LinearShape(lags, 0, [.. candidates.Select(period => new SeasonAnchor(new Season(period).Lag))]).FirstEnd;
        var plan = WindowPlan.Create(series.Length, training, earliestEnd);
        var lastTrainingEnd = plan.FirstTrainingEnd + plan.TrainingWindows - 1;
        var seasons = SeasonSelection.Select(logs, candidates, lastTrainingEnd, horizon, champion.SeasonConfidence);
        var shape = new LinearShape(lags, 0, [.. seasons.Select(season => new SeasonAnchor(season.Lag))]);
        var linear = RidgeFitter.Fit(logs, 0, lastTrainingEnd, shape, horizon, RidgePenalties);
        var networkSettings = WithCalendarInputs(training, cadence, seasons, champion);
        var networkBase = BaseOf(linear, logs, horizon, plan.FirstTrainingEnd);
        var ensemble = NetworkEnsemble.Train(
            series, stamps, networkSettings, networkBase, champion.EnsembleSize, warmStarts, timeProvider, ct);

        var panel = new ValidationPanel(plan.FirstValidationEnd, plan.ValidationWindows, horizon, series);
        var primary = SeasonalNaiveLag(panel, series, seasons);
        bool Forecastable(ForecastMethod method) => BaselineForecasts.CanForecast(method, plan.FirstValidationEnd, primary);
        ForecastMethod[] baselines =
            [.. new[] { ForecastMethod.Naive, ForecastMethod.SeasonalNaive, ForecastMethod.SeasonalDrift }.Where(Forecastable)];
        foreach (var method in baselines.Concat((extraBaselines ?? []).Where(Forecastable)).Distinct())
        {
            panel.Add(method, BaselineAt(panel, method, series, primary));
        }

        panel.Add(ForecastMethod.Linear, RollingLinearAt(panel, linear, logs));
        List<ForecastMethod> contenders = [ForecastMethod.Linear];
        if (ensemble.Members.Count > 0)
        {
            panel.Add(ForecastMethod.Rnn, ensemble.ValidationForecasts());
            contenders.Add(ForecastMethod.Rnn);
        }

        var confidence = seasons.Count > 0 ? champion.SeasonalGateConfidence : champion.GateConfidence;
        var decision = ChampionDecision.Choose(
            panel, baselines, contenders, confidence, champion.MinimumImprovement, champion.SeasonalCombination,
            champion.MinimumValidationOrigins);

        // The base is refitted on every window now that the penalty is chosen: the newest data matters most.
        var finalLinear = RidgeFitter.Fit(logs, 0, series.Length - 1 - horizon, shape, horizon, [linear.Penalty]);
        var choice = new PublishedChoice(decision.Champion, decision.Baseline, decision.Candidate, StepWeights.Fit(panel, decision));
        var published = ForecastModel.Blend(panel.Forecasts(decision.Baseline), panel.Forecasts(decision.Candidate), choice.Weights);
        var model = new ForecastModel(
            seasons,
            primary,
            finalLinear,
            [.. ensemble.Members.Select(member => member.Model)],
            choice,
            SeriesFit.PublishedRadii(panel, choice, published, training.IntervalLevels),
            dataWatermark: null);
        return new SeriesFit(cadence, series, stamps, model, ensemble.Members, panel, decision, training.IntervalLevels);
    }

    /// <summary>Recent values the linear base reads: a cycle of the shortest candidate season, else a short memory of changes.</summary>
    internal static int LinearLags(IReadOnlyList<double> candidates) =>
        candidates.Count > 0 ? Math.Clamp(new Season(candidates.Min()).Lag, 4, 48) : 8;

    /// <summary>The cycles worth testing: configured, fixed, or following the cadence.</summary>
    private static IReadOnlyList<double> Candidates(int count, DateTime[] stamps, Cadence cadence, ChampionSettings champion)
    {
        if (champion.SeasonLength is { } fixedLength)
        {
            return fixedLength >= 2 && count >= SeasonSelection.MinimumCycles * fixedLength ? [fixedLength] : [];
        }

        var candidates = champion.SeasonCandidates.Count > 0 ? champion.SeasonCandidates : SeasonCandidates.For(cadence, stamps);
        return [.. candidates.Where(period => count >= SeasonSelection.MinimumCycles * new Season(period).Lag)];
    }

    private static TrainingSettings WithCalendarInputs(TrainingSettings settings, Cadence cadence, IReadOnlyList<Season> seasons,
        ChampionSettings champion)
    {
        InputFeatureKind? kind = cadence switch
        {
            _ when !champion.CalendarInputs || seasons.Count == 0 => null,
            CalendarMonthsCadence => InputFeatureKind.MonthOfYear,
            FixedIntervalCadence { Interval.TotalDays: < 1 } => InputFeatureKind.HourOfWeek,
            _ => null,
        };
        return kind is { } add && !settings.InputFeatures.Contains(add)
            ? settings with { InputFeatures = [.. settings.InputFeatures, add] }
            : settings;
    }

    private static ForecastBase BaseOf(DirectRidge linear, double[] logs, int horizon, int firstEnd)
    {
        var levels = new double[logs.Length * horizon];
        for (var end = linear.FirstEnd; end < logs.Length; end++)
        {
            linear.ForecastSteps(logs, end, levels.AsSpan(end * horizon, horizon));
        }

        return new ForecastBase(levels, horizon, firstEnd);
    }

    /// <summary>
    /// The kept season whose seasonal naive forecast erred least on the validation origins (0 when none can forecast):
    /// an hourly series with a daily and a weekly cycle may repeat last week better than yesterday (on the shared M4
    /// Hourly half, 48 of 109 such series did; OWA 0.454 → 0.451). Seasonal drift uses the same season.
    /// </summary>
    private static int SeasonalNaiveLag(ValidationPanel panel, double[] series, IReadOnlyList<Season> seasons)
    {
        var lags = seasons.Select(season => season.Lag)
            .Where(lag => BaselineForecasts.CanForecast(ForecastMethod.SeasonalNaive, panel.FirstEnd, lag))
            .ToArray();
        return lags.Length == 0 ? 0 : lags.MinBy(lag => panel.Mae(BaselineAt(panel, ForecastMethod.SeasonalNaive, series, lag)));
    }

    private static double[] BaselineAt(ValidationPanel panel, ForecastMethod method, double[] series, int season)
    {
        var forecasts = new double[panel.Origins * panel.Horizon];
        for (var i = 0; i < panel.Origins; i++)
        {
            for (var k = 1; k <= panel.Horizon; k++)
            {
                forecasts[(i * panel.Horizon) + k - 1] = BaselineForecasts.Point(method, series, panel.FirstEnd + i, k, season);
            }
        }

        return forecasts;
    }

    /// <summary>
    /// The linear contender at the validation origins as the service would have run it: refitted (with the penalty
    /// already chosen) on everything before each of <see cref="LinearRefits"/> blocks of origins, since the published
    /// linear forecast is refitted on all the data too. A refit reads no target at or after its block's first origin.
    /// </summary>
    private static double[] RollingLinearAt(ValidationPanel panel, DirectRidge linear, double[] logs)
    {
        var forecasts = new double[panel.Origins * panel.Horizon];
        var blockSize = Math.Max(panel.Horizon, (panel.Origins + LinearRefits - 1) / LinearRefits);
        for (var blockStart = 0; blockStart < panel.Origins; blockStart += blockSize)
        {
            var firstOrigin = panel.FirstEnd + blockStart;
            var model = RidgeFitter.Fit(logs, 0, firstOrigin - panel.Horizon, linear.Shape, panel.Horizon, [linear.Penalty]);
            for (var i = blockStart; i < Math.Min(panel.Origins, blockStart + blockSize); i++)
            {
                var origin = forecasts.AsSpan(i * panel.Horizon, panel.Horizon);
                model.ForecastSteps(logs, panel.FirstEnd + i, origin);
                foreach (ref var value in origin)
                {
                    value = Math.Exp(value);
                }
            }
        }

        return forecasts;
    }
}
