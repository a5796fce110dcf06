using System.Globalization;
using Forecaster.Core.Features;
using Forecaster.Core.Intervals;
using Forecaster.Core.Rnn;
using Forecaster.Core.Scaling;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;

namespace Forecaster.Core.Models;

/// <summary>
/// A trained network with everything needed to forecast from raw prices: scaler, input features, weights
/// and interval calibration. Immutable and safe to share between threads.
/// </summary>
public sealed class SeriesModel
{
    private readonly float[] _parameters;

    internal SeriesModel(
        TrainingSettings settings,
        int window,
        SeriesScaler scaler,
        ConformalCalibration calibration,
        ReadOnlySpan<float> parameters,
        DateTimeOffset? dataWatermark,
        int seasonalLag = 0,
        NetworkBase networkBase = NetworkBase.LastValue)
    {
        Features = new InputFeatureSet(settings.InputFeatures);
        Shape = new RnnShape(Features.Width, settings.HiddenSize, settings.Horizon);
        if (parameters.Length != Shape.ParameterCount)
        {
            throw new ArgumentException(
                $"Expected {Shape.ParameterCount} parameters for {Shape}, got {parameters.Length}.",
                nameof(parameters));
        }

        if (networkBase == NetworkBase.Linear && seasonalLag != 0)
        {
            throw new ArgumentException("A network trained against the linear base has no seasonal lag.", nameof(seasonalLag));
        }

        if (seasonalLag != 0 && seasonalLag < Shape.Horizon)
        {
            throw new ArgumentOutOfRangeException(
                nameof(seasonalLag),
                seasonalLag,
                $"A seasonal lag must be 0 or cover the horizon of {Shape.Horizon}.");
        }

        Settings = settings;
        Window = window;
        Scaler = scaler;
        Calibration = calibration;
        _parameters = parameters.ToArray();
        DataWatermark = dataWatermark;
        SeasonalLag = seasonalLag;
        Base = networkBase;
    }

    public RnnShape Shape { get; }

    /// <summary>Steps the network reads; smaller than <see cref="TrainingSettings.Window"/> when the series was short.</summary>
    public int Window { get; }

    public int Horizon => Shape.Horizon;

    /// <summary>
    /// Season the network forecasts against (see <see cref="SeasonalDifferencing"/>); 0 when it forecasts against the
    /// last value.
    /// </summary>
    public int SeasonalLag { get; }

    /// <summary>
    /// Values <see cref="Forecast"/> needs: W steps are the moves between W+1 values, each a season after the value it
    /// is differenced with.
    /// </summary>
    public int RequiredHistory => Window + 1 + SeasonalLag;

    public TrainingSettings Settings { get; }

    /// <summary>What the network's zero output forecasts; <see cref="Forecast"/> maps outputs to prices only for <see
    /// cref="NetworkBase.LastValue"/>.</summary>
    public NetworkBase Base { get; }

    public int Seed => Settings.Seed;

    /// <summary>Time of the newest observation the model was trained on, as set by the caller.</summary>
    public DateTimeOffset? DataWatermark { get; }

    public SeriesScaler Scaler { get; }

    public InputFeatureSet Features { get; }

    public ConformalCalibration Calibration { get; }

    internal ReadOnlySpan<float> Parameters => _parameters;

    public SeriesModel WithDataWatermark(DateTimeOffset watermark) =>
        new(Settings, Window, Scaler, Calibration, _parameters, watermark.ToUniversalTime(), SeasonalLag, Base);

    internal SeriesModel WithSeasonalLag(int seasonalLag) =>
        new(Settings, Window, Scaler, Calibration, _parameters, DataWatermark, seasonalLag, Base);

    internal SeriesModel WithBase(NetworkBase networkBase) =>
        new(Settings, Window, Scaler, Calibration, _parameters, DataWatermark, SeasonalLag, networkBase);

    /// <summary>
    /// Forecasts the K values after the last of <paramref name="recentValues"/> (only the last
    /// <see cref="RequiredHistory"/> are read).
    /// </summary>
    /// <param name="recentTimestamps">Their UTC stamps, one per value; needed only by calendar input features.</param>
    /// <exception cref="InvalidOperationException">The network was trained against the linear base, which this model does not
    /// hold.</exception>
    public SeriesForecast Forecast(ReadOnlySpan<double> recentValues, ReadOnlySpan<DateTime> recentTimestamps = default)
    {
        if (Base != NetworkBase.LastValue)
        {
            throw new InvalidOperationException(
                "This network forecasts corrections to the linear base; forecast through the series' ForecastModel.");
        }

        var outputs = Outputs(recentValues, recentTimestamps);
        return ToPrices(recentValues[^RequiredHistory..], outputs);
    }

    /// <summary>
    /// The network's K outputs for the window ending at the last of <paramref name="recentValues"/>: scaled corrections
    /// to the base it was trained against (see <see cref="SeriesScaler.ToPrice"/>), 0 meaning the base itself.
    /// </summary>
    public float[] Outputs(ReadOnlySpan<double> recentValues, ReadOnlySpan<DateTime> recentTimestamps = default)
    {
        if (recentValues.Length < RequiredHistory)
        {
            throw new ForecastInputException(
                ForecastInputError.InsufficientHistory,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The model needs the last {RequiredHistory} values; got {recentValues.Length}."));
        }

        var offset = recentValues.Length - RequiredHistory;
        var history = recentValues[offset..];
        var stamps = recentTimestamps.IsEmpty
            ? recentTimestamps
            : SeriesTrainer.RequireAligned(recentTimestamps, recentValues.Length)[offset..];
        SeriesValidator.RequireFinite(history, offset);
        if (Scaler.Kind == ScalingKind.LogReturns)
        {
            SeriesValidator.RequirePositive(history, offset);
        }

        var levels = new double[RequiredHistory];
        SeriesScaler.ToLevels(Scaler.Kind, history, levels);
        var inputs = new float[Window * Shape.InputSize];
        Features.Write(SeasonalDifferencing.Apply(levels, SeasonalLag), Scaler, stamps.IsEmpty ? stamps : stamps[SeasonalLag..], inputs);
        var outputs = new float[Horizon];
        PredictionKernels.For(Shape, Window).Predict(_parameters, inputs, 1, outputs);
        return outputs;
    }

    private SeriesForecast ToPrices(ReadOnlySpan<double> history, ReadOnlySpan<float> outputs)
    {
        var bases = new double[Horizon];
        var values = new double[Horizon];
        for (var k = 0; k < Horizon; k++)
        {
            bases[k] = SeasonalDifferencing.Base(history, history.Length - 1, k + 1, SeasonalLag, Scaler.Kind);
            values[k] = Scaler.ToPrice(bases[k], k + 1, outputs[k]);
        }

        var intervals = new PredictionInterval[Calibration.Levels.Count];
        for (var l = 0; l < intervals.Length; l++)
        {
            var lower = new double[Horizon];
            var upper = new double[Horizon];
            for (var k = 0; k < Horizon; k++)
            {
                var radius = Calibration.Radius(l, k);
                lower[k] = Scaler.ToPrice(bases[k], k + 1, outputs[k] - radius);
                upper[k] = Scaler.ToPrice(bases[k], k + 1, outputs[k] + radius);
            }

            intervals[l] = new PredictionInterval(Calibration.Levels[l], lower, upper);
        }

        return new SeriesForecast(values, intervals);
    }
}
