using Forecaster.Core.Calendar;
using Forecaster.Core.Champion;
using Forecaster.Core.Models;

namespace Forecaster.Core.Pipeline;

/// <summary>A series fitted by <see cref="SeriesPipeline.Fit"/>: its cadence, the contenders and the choice between them.</summary>
public sealed class SeriesFit
{
    private readonly DateTime[] _timestamps;
    private readonly double[] _values;

    internal SeriesFit(Cadence cadence, ChampionModel model, DateTime[] timestamps, double[] values)
    {
        Cadence = cadence;
        Model = model;
        _timestamps = timestamps;
        _values = values;
    }

    public Cadence Cadence { get; }

    public ChampionModel Model { get; }

    /// <summary>What is published: the champion's forecast after the last observation, each step stamped on the cadence.</summary>
    public StampedForecast Forecast()
    {
        var forecast = ForecastWith(Model.Champion);
        return new StampedForecast(Model.Champion, forecast, Cadence.Project(_timestamps[^1], forecast.Values.Count));
    }

    /// <summary>One contender's forecast after the last observation (the backtest scores them all).</summary>
    public SeriesForecast ForecastWith(ForecastMethod method) => Model.ForecastWith(method, _values, _timestamps);
}
