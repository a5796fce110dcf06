using Forecaster.Core.Models;
using Forecaster.Core.Training;

namespace Forecaster.Core.Champion;

/// <summary>
/// A trained network together with the baselines it was weighed against on the same validation windows and
/// the decision which of them is published. Immutable; forecasts from any of the methods, with intervals.
/// </summary>
public sealed class ChampionModel
{
    private readonly Dictionary<ForecastMethod, BaselineScore> _baselines;

    internal ChampionModel(TrainingResult trained, IReadOnlyList<BaselineScore> baselines, int seasonLength, ChampionDecision decision)
    {
        Trained = trained;
        Baselines = baselines;
        _baselines = baselines.ToDictionary(baseline => baseline.Method);
        SeasonLength = seasonLength;
        Decision = decision;
    }

    public TrainingResult Trained { get; }

    public IReadOnlyList<BaselineScore> Baselines { get; }

    /// <summary>Season used by the seasonal baseline; 0 when the series has none.</summary>
    public int SeasonLength { get; }

    public ChampionDecision Decision { get; }

    public ForecastMethod Champion => Decision.Champion;

    /// <summary>What the service publishes: the champion's forecast after the last of <paramref name="values"/>.</summary>
    /// <param name="timestamps">Their UTC stamps; needed when the network was given calendar inputs.</param>
    public SeriesForecast Forecast(ReadOnlySpan<double> values, ReadOnlySpan<DateTime> timestamps = default) =>
        ForecastWith(Champion, values, timestamps);

    /// <summary>The forecast of <paramref name="method"/>; baselines need to have been scored (see <see cref="Baselines"/>).</summary>
    public SeriesForecast ForecastWith(ForecastMethod method, ReadOnlySpan<double> values, ReadOnlySpan<DateTime> timestamps = default)
    {
        if (method == ForecastMethod.Rnn)
        {
            return Trained.Model.Forecast(values, timestamps);
        }

        if (!_baselines.TryGetValue(method, out var baseline))
        {
            throw new ArgumentException($"The {method.Name()} baseline was not scored for this series.", nameof(method));
        }

        return BaselineForecast(baseline, values);
    }

    private SeriesForecast BaselineForecast(BaselineScore baseline, ReadOnlySpan<double> values)
    {
        var scaler = Trained.Model.Scaler;
        var calibration = baseline.Calibration;
        var horizon = calibration.Horizon;
        var end = values.Length - 1;
        var points = new double[horizon];
        for (var k = 1; k <= horizon; k++)
        {
            points[k - 1] = BaselineForecasts.Point(baseline.Method, values, end, k, SeasonLength);
        }

        var intervals = new PredictionInterval[calibration.Levels.Count];
        for (var l = 0; l < intervals.Length; l++)
        {
            var lower = new double[horizon];
            var upper = new double[horizon];
            for (var k = 1; k <= horizon; k++)
            {
                var radius = calibration.Radius(l, k - 1);
                lower[k - 1] = scaler.ToPrice(points[k - 1], k, -radius);
                upper[k - 1] = scaler.ToPrice(points[k - 1], k, radius);
            }

            intervals[l] = new PredictionInterval(calibration.Levels[l], lower, upper);
        }

        return new SeriesForecast(points, intervals);
    }
}
