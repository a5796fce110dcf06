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
    /// <param name="values">Observations in time order, oldest first; only the last
    /// <see cref="TrainingSettings.MaxTrainingPoints"/> are used.</param>
    /// <param name="warmStart">An earlier model to start from; ignored (see <see cref="TrainingResult.WarmStart"/>)
    /// when it does not fit.</param>
    /// <param name="progress">Called after every epoch on the training thread.</param>
    /// <param name="ct">Checked before every mini-batch; cancellation throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="timeProvider">Clock for elapsed times; the system clock when null.</param>
    /// <param name="timestamps">UTC stamps of <paramref name="values"/>, needed only by calendar input features.</param>
    /// <param name="seasonalLag">Season the network works against (see <see cref="SeasonalDifferencing"/>); 0 for none,
    /// else at least the horizon.</param>
    /// <exception cref="ForecastInputException">Bad settings or values; <see cref="ForecastInputException.Reason"/> says which.</exception>
    public static TrainingResult Train(
        ReadOnlySpan<double> values,
        TrainingSettings settings,
        SeriesModel? warmStart,
        Action<EpochProgress>? progress,
        CancellationToken ct,
        TimeProvider? timeProvider = null,
        ReadOnlySpan<DateTime> timestamps = default,
        int seasonalLag = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        if (seasonalLag != 0 && seasonalLag < settings.Horizon)
        {
            throw new ArgumentOutOfRangeException(
                nameof(seasonalLag),
                seasonalLag,
                "A seasonal lag must cover the horizon, so every base value is observed.");
        }

        ct.ThrowIfCancellationRequested();
        var time = timeProvider ?? TimeProvider.System;
        var startTimestamp = time.GetTimestamp();

        var offset = Math.Max(0, values.Length - settings.MaxTrainingPoints);
        var series = values[offset..];
        var stamps = timestamps.IsEmpty ? timestamps : RequireAligned(timestamps, values.Length)[offset..];
        SeriesValidator.RequireFinite(series, offset);
        var scaling = SeriesScaler.Resolve(settings.Scaling, series, offset);
        SeriesValidator.RequireVariation(series);
        var rawLevels = new double[series.Length];
        SeriesScaler.ToLevels(scaling, series, rawLevels);
        var levels = SeasonalDifferencing.Apply(rawLevels, seasonalLag);
        var plan = WindowPlan.Create(levels.Length, settings);
        var scaler = SeriesScaler.Fit(scaling, levels, plan.LastTrainingTargetIndex(settings.Horizon), settings.InputClip);
        var features = new InputFeatureSet(settings.InputFeatures);
        var shape = new RnnShape(features.Width, settings.HiddenSize, settings.Horizon);
        var bank = new WindowBank(levels, scaler, features, plan.Window, settings.Horizon, stamps.IsEmpty ? stamps : stamps[seasonalLag..]);

        var initialParameters = new float[shape.ParameterCount];
        var warmStartOutcome = ChooseStartingWeights(warmStart, shape, features, scaling, seasonalLag, settings.Seed, initialParameters);
        var patience = warmStartOutcome == WarmStartOutcome.Applied ? settings.WarmStartPatience : settings.Patience;
        var session = new TrainingSession(settings, bank, plan, shape, initialParameters, patience);
        var outcome = session.Run(progress, time, startTimestamp, ct);

        var outputs = new float[plan.ValidationWindows * shape.Horizon];
        var targets = new float[outputs.Length];
        session.Predict(session.ValidationEnds, outputs, targets);
        var calibration = ConformalCalibration.Fit(settings.IntervalLevels, shape.Horizon, outputs, targets);
        var errors = ValidationErrors.Measure(series, scaler, seasonalLag, session.ValidationEnds, outputs, shape.Horizon);
        var noChange = new float[shape.ParameterCount];

        return new TrainingResult
        {
            Model = new SeriesModel(settings, plan.Window, scaler, calibration, session.Parameters, dataWatermark: null, seasonalLag),
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
            FirstValidationEnd = offset + seasonalLag + plan.FirstValidationEnd,
            PointsUsed = series.Length,
            WindowUsed = plan.Window,
            Elapsed = time.GetElapsedTime(startTimestamp),
            WarmStart = warmStartOutcome,
        };
    }

    internal static ReadOnlySpan<DateTime> RequireAligned(ReadOnlySpan<DateTime> timestamps, int valueCount) =>
        timestamps.Length == valueCount
            ? timestamps
            : throw new ArgumentException($"Expected one timestamp per value ({valueCount}); got {timestamps.Length}.", nameof(timestamps));

    private static WarmStartOutcome ChooseStartingWeights(
        SeriesModel? warmStart, RnnShape shape, InputFeatureSet features, ScalingKind scaling, int seasonalLag, int seed,
        Span<float> parameters)
    {
        var outcome = warmStart switch
        {
            null => WarmStartOutcome.NotRequested,
            _ when warmStart.Shape != shape || !warmStart.Features.Kinds.SequenceEqual(features.Kinds)
                || warmStart.SeasonalLag != seasonalLag =>
                WarmStartOutcome.ShapeMismatch,
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
