using Forecaster.Core.Calendar;
using Forecaster.Core.Champion;
using Forecaster.Core.Intervals;
using Forecaster.Core.Models;
using Forecaster.Core.Seasonality;
using Forecaster.Core.Training;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// A series fitted by <see cref="SeriesPipeline.Fit"/>: its cadence, the stored <see cref="Model"/>, how training went,
/// and every contender's forecasts at the validation origins the choice was made on. Intervals come from those
/// origins' errors (split conformal, in log space), each method's from its own.
/// </summary>
public sealed class SeriesFit
{
    private readonly double[] _values;
    private readonly DateTime[] _timestamps;
    private readonly IReadOnlyList<double> _levels;

    internal SeriesFit(
        Cadence cadence,
        double[] values,
        DateTime[] timestamps,
        ForecastModel model,
        IReadOnlyList<TrainingResult> networks,
        ValidationPanel validation,
        ChampionDecision decision,
        IReadOnlyList<double> levels)
    {
        Cadence = cadence;
        _values = values;
        _timestamps = timestamps;
        Model = model;
        Networks = networks;
        Validation = validation;
        Decision = decision;
        _levels = levels;
    }

    public Cadence Cadence { get; }

    /// <summary>What is stored with the run: enough to rebuild the published forecast and to warm-start the next training.</summary>
    public ForecastModel Model { get; }

    /// <summary>How each network's training went, in ensemble order.</summary>
    public IReadOnlyList<TrainingResult> Networks { get; }

    /// <summary>Every contender's forecasts at the validation origins the choice was made on.</summary>
    public ValidationPanel Validation { get; }

    public ChampionDecision Decision { get; }

    public ForecastMethod Champion => Decision.Champion;

    /// <summary>The seasons found, shortest first; empty when the series has none.</summary>
    public IReadOnlyList<Season> Seasons => Model.Seasons;

    /// <summary>The methods scored on the validation origins, each of which can forecast.</summary>
    public IEnumerable<ForecastMethod> Methods => Validation.Methods;

    /// <summary>What is published: the champion's forecast after the last observation, each step stamped on the cadence.</summary>
    public StampedForecast Forecast() =>
        new(Champion, Model.Forecast(_values, _timestamps), Cadence.Project(_timestamps[^1], Model.Horizon));

    /// <summary>One contender's forecast after the last observation, with intervals from its own validation errors.</summary>
    public SeriesForecast ForecastWith(ForecastMethod method) =>
        ForecastModel.WithIntervals(Model.Points(method, _values, _timestamps), Radii(Validation, Validation.Forecasts(method), _levels));

    /// <summary>
    /// Radii of the published forecast: at each step the published blend's own radius, mixed with the baseline's by that
    /// step's weight. The weight is the gate's confidence that the candidate's validation edge is real; the same doubt
    /// applies to its validation errors, which chose it and so flatter it (on the shared M4 half, hourly series
    /// publishing the linear candidate covered 89.6 % at 95 % with its own radii).
    /// </summary>
    internal static ConformalCalibration PublishedRadii(
        ValidationPanel panel, PublishedChoice choice, ReadOnlySpan<double> published, IReadOnlyList<double> levels)
    {
        var own = Radii(panel, published, levels);
        if (choice.Champion == choice.Baseline)
        {
            return own;
        }

        var baseline = Radii(panel, panel.Forecasts(choice.Baseline), levels);
        var radii = new double[own.Radii.Length];
        for (var i = 0; i < radii.Length; i++)
        {
            var weight = choice.Weights[i % panel.Horizon];
            radii[i] = (weight * own.Radii[i]) + ((1 - weight) * baseline.Radii[i]);
        }

        return new ConformalCalibration(levels, panel.Horizon, radii);
    }

    /// <summary>Conformal radii in log space from forecasts at the validation origins (<see cref="StepScaledConformal"/>).</summary>
    internal static ConformalCalibration Radii(ValidationPanel panel, ReadOnlySpan<double> forecasts, IReadOnlyList<double> levels)
    {
        var residuals = new double[forecasts.Length];
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = Math.Log(panel.Actuals[i]) - Math.Log(forecasts[i]);
        }

        return StepScaledConformal.Fit(levels, panel.Horizon, residuals);
    }
}
