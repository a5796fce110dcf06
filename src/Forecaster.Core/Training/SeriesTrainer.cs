using Forecaster.Core.Features;
using Forecaster.Core.Intervals;
using Forecaster.Core.Models;
using Forecaster.Core.Rnn;
using Forecaster.Core.Scaling;
using Forecaster.Core.Validation;
using Forecaster.Core.Windowing;

namespace Forecaster.Core.Training;

/// <summary>Trains one series' model: validation, scaling, windows, the epoch loop, intervals and metrics.</summary>
public static class SeriesTrainer
{
    /// <param name="values">Observations in time order, oldest first; only the last <see cref="TrainingSettings.MaxTrainingPoints"/> are
    /// used.</param>
    /// <param name="warmStart">An earlier model to start from; ignored (see <see cref="TrainingResult.WarmStart"/>) when it does not
    /// fit.</param>
    /// <param name="progress">Called after every epoch on the training thread.</param>
    /// <param name="ct">Checked before every mini-batch; cancellation throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="timeProvider">Clock for elapsed times; the system clock when null.</param>
    /// <param name="timestamps">UTC stamps of <paramref name="values"/>, needed only by calendar input features.</param>
    /// <param name="forecastBase">
    /// What a zero output forecasts, indexed by the window end in <paramref name="values"/> (log levels, so log-return
    /// scaling only); null: the last value.
    /// </param>
    /// <exception cref="ForecastInputException">Bad settings or values; <see cref="ForecastInputException.Reason"/> says which.</exception>
    public static TrainingResult Train(
        ReadOnlySpan<double> values,
        TrainingSettings settings,
        SeriesModel? warmStart,
        Action<EpochProgress>? progress,
        CancellationToken ct,
        TimeProvider? timeProvider = null,
        ReadOnlySpan<DateTime> timestamps = default,
        ForecastBase? forecastBase = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        if (forecastBase is not null && (forecastBase.Horizon != settings.Horizon || forecastBase.EndCount != values.Length))
        {
            throw new ArgumentException("A forecast base covers every value with the training horizon.", nameof(forecastBase));
        }

        ct.ThrowIfCancellationRequested();
        var time = timeProvider ?? TimeProvider.System;
        var startTimestamp = time.GetTimestamp();

        var offset = Math.Max(0, values.Length - settings.MaxTrainingPoints);
        var series = values[offset..];
        var stamps = timestamps.IsEmpty ? timestamps : RequireAligned(timestamps, values.Length)[offset..];
        SeriesValidator.RequireFinite(series, offset);
        var scaling = SeriesScaler.Resolve(forecastBase is null ? settings.Scaling : ScalingKind.LogReturns, series, offset);
        SeriesValidator.RequireVariation(series);
        var windowBase = forecastBase?.From(offset);
        var levels = new double[series.Length];
        SeriesScaler.ToLevels(scaling, series, levels);
        var plan = WindowPlan.Create(levels.Length, settings, windowBase?.FirstEnd ?? 0);
        var scaler = SeriesScaler.Fit(scaling, levels, plan.LastTrainingTargetIndex(settings.Horizon), settings.InputClip);
        var features = new InputFeatureSet(settings.InputFeatures);
        var shape = new RnnShape(features.Width, settings.HiddenSize, settings.Horizon);
        var bank = new WindowBank(levels, scaler, features, plan.Window, settings.Horizon, stamps, windowBase);

        var initialParameters = new float[shape.ParameterCount];
        var networkBase = forecastBase is null ? NetworkBase.LastValue : NetworkBase.Linear;
        var warmStartOutcome = ChooseStartingWeights(warmStart, shape, features, scaling, networkBase, settings.Seed, initialParameters);
        var patience = warmStartOutcome == WarmStartOutcome.Applied ? settings.WarmStartPatience : settings.Patience;
        var session = new TrainingSession(settings, bank, plan, shape, initialParameters, patience);
        var outcome = session.Run(progress, time, startTimestamp, ct);

        var outputs = new float[plan.ValidationWindows * shape.Horizon];
        var targets = new float[outputs.Length];
        session.Predict(session.ValidationEnds, outputs, targets);
        var calibration = ConformalCalibration.Fit(settings.IntervalLevels, shape.Horizon, outputs, targets);
        var forecasts = ValidationForecasts(bank, scaler, session.ValidationEnds, outputs, shape.Horizon);
        var errors = ValidationErrors.Measure(series, session.ValidationEnds, forecasts, shape.Horizon);
        var noChange = new float[shape.ParameterCount];

        return new TrainingResult
        {
            Model = new SeriesModel(settings, plan.Window, scaler, calibration, session.Parameters, dataWatermark: null, seasonalLag: 0,
                networkBase),
            EpochsRun = outcome.EpochsRun,
            BestEpoch = outcome.Best.Epoch,
            StoppedEarly = outcome.StoppedEarly,
            Diverged = outcome.Diverged,
            TrainLoss = outcome.Best.TrainLoss,
            ValidationLoss = outcome.Best.ValidationLoss,
            InitialTrainLoss = outcome.InitialTrainLoss,
            InitialValidationLoss = outcome.InitialValidationLoss,
            NaiveValidationLoss = session.MeanLoss(session.ValidationEnds, noChange),
            ValidationMae = errors.Mae,
            ValidationRmse = errors.Rmse,
            ValidationMase = errors.Mase,
            TrainingWindows = plan.TrainingWindows,
            ValidationWindows = plan.ValidationWindows,
            FirstValidationEnd = offset + plan.FirstValidationEnd,
            PointsUsed = series.Length,
            WindowUsed = plan.Window,
            Elapsed = time.GetElapsedTime(startTimestamp),
            WarmStart = warmStartOutcome,
            ValidationForecasts = forecasts,
        };
    }

    /// <summary>Prices the network forecasts at the validation windows, [window][step].</summary>
    private static double[] ValidationForecasts(WindowBank bank, SeriesScaler scaler, ReadOnlySpan<int> windowEnds,
        ReadOnlySpan<float> outputs, int horizon)
    {
        var prices = new double[windowEnds.Length * horizon];
        for (var i = 0; i < windowEnds.Length; i++)
        {
            for (var k = 0; k < horizon; k++)
            {
                var baseLevel = bank.BaseLevel(windowEnds[i], k + 1);
                var basePrice = scaler.Kind == ScalingKind.LogReturns ? Math.Exp(baseLevel) : baseLevel;
                prices[(i * horizon) + k] = scaler.ToPrice(basePrice, k + 1, outputs[(i * horizon) + k]);
            }
        }

        return prices;
    }

    internal static ReadOnlySpan<DateTime> RequireAligned(ReadOnlySpan<DateTime> timestamps, int valueCount) =>
        timestamps.Length == valueCount
            ? timestamps
            : throw new ArgumentException($"Expected one timestamp per value ({valueCount}); got {timestamps.Length}.", nameof(timestamps));

    private static WarmStartOutcome ChooseStartingWeights(
        SeriesModel? warmStart, RnnShape shape, InputFeatureSet features, ScalingKind scaling, NetworkBase networkBase, int seed,
        Span<float> parameters)
    {
        var outcome = warmStart switch
        {
            null => WarmStartOutcome.NotRequested,
            _ when warmStart.Shape != shape || !warmStart.Features.Kinds.SequenceEqual(features.Kinds) || warmStart.SeasonalLag != 0 =>
                WarmStartOutcome.ShapeMismatch,
            _ when warmStart.Base != networkBase => WarmStartOutcome.BaseMismatch,
            _ when warmStart.Scaler.Kind != scaling => WarmStartOutcome.ScalingMismatch,
            _ => WarmStartOutcome.Applied,
        };
        if (outcome == WarmStartOutcome.Applied)
        {
            warmStart!.Parameters.CopyTo(parameters);
        }
        else
        {
            ParameterInitializer.Initialize(shape, seed, parameters);
        }

        return outcome;
    }
}
