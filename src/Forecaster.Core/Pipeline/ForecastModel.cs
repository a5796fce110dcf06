using Forecaster.Core.Champion;
using Forecaster.Core.Intervals;
using Forecaster.Core.Linear;
using Forecaster.Core.Models;
using Forecaster.Core.Seasonality;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// Everything that makes a series' published forecast, as stored with each run: the seasons found, the linear base,
/// the networks trained against it, the gate's choice (baseline, candidate and the weight between them) and the
/// interval radii of the published forecast. <see cref="Forecast"/> rebuilds the published forecast from the history.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class ForecastModel
{
    internal ForecastModel(
        IReadOnlyList<Season> seasons,
        int seasonalNaiveLag,
        DirectRidge? linear,
        IReadOnlyList<SeriesModel> networks,
        PublishedChoice choice,
        ConformalCalibration intervals,
        DateTimeOffset? dataWatermark)
    {
        if (linear is null != (networks.Count == 1 && networks[0].Base == NetworkBase.LastValue))
        {
            throw new ArgumentException("A model holds either the linear base with its networks, or one network of format 1 or 2.",
                nameof(networks));
        }

        if (networks.Any(network => network.Horizon != intervals.Horizon) || (linear is not null && linear.Horizon != intervals.Horizon))
        {
            throw new ArgumentException("Every part of a model forecasts the same horizon.", nameof(intervals));
        }

        if (choice.Weights.Count != intervals.Horizon || choice.Weights.Any(weight => !(weight is >= 0 and <= 1)))
        {
            throw new ArgumentException($"A published choice has one weight in [0, 1] per step of {intervals.Horizon}.", nameof(choice));
        }

        Seasons = seasons;
        SeasonalNaiveLag = seasonalNaiveLag;
        Linear = linear;
        Networks = networks;
        Choice = choice;
        Intervals = intervals;
        DataWatermark = dataWatermark;
    }

    public IReadOnlyList<Season> Seasons { get; }

    /// <summary>Lag of the seasonal naive baseline; 0 when the series has no season.</summary>
    public int SeasonalNaiveLag { get; }

    /// <summary>The linear base; null for a model of format 1 or 2, whose single network forecasts on its own.</summary>
    public DirectRidge? Linear { get; }

    public IReadOnlyList<SeriesModel> Networks { get; }

    public PublishedChoice Choice { get; }

    /// <summary>Radii of the published forecast's intervals per level and step, in log space.</summary>
    public ConformalCalibration Intervals { get; }

    public int Horizon => Intervals.Horizon;

    /// <summary>Time of the newest observation the model was trained on, as set by the caller.</summary>
    public DateTimeOffset? DataWatermark { get; }

    /// <summary>A model of format 1 or 2: one network trained against the last value, which forecasts on its own.</summary>
    public static ForecastModel FromNetwork(SeriesModel network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new ForecastModel(
            [],
            0,
            null,
            [network],
            new PublishedChoice(ForecastMethod.Rnn, ForecastMethod.Naive, ForecastMethod.Rnn, [.. Enumerable.Repeat(1.0, network.Horizon)]),
            new ConformalCalibration(network.Calibration.Levels, network.Horizon, new double[network.Calibration.Radii.Length]),
            network.DataWatermark);
    }

    public ForecastModel WithDataWatermark(DateTimeOffset watermark) =>
        new(Seasons, SeasonalNaiveLag, Linear, Networks, Choice, Intervals, watermark.ToUniversalTime());

    /// <summary>The published forecast after the last of <paramref name="values"/>.</summary>
    /// <param name="timestamps">Their UTC stamps, one per value; networks with calendar inputs need them.</param>
    public SeriesForecast Forecast(ReadOnlySpan<double> values, ReadOnlySpan<DateTime> timestamps = default)
    {
        if (Linear is null)
        {
            return Networks[0].Forecast(values, timestamps);
        }

        var points = Choice.Champion == Choice.Baseline
            ? Points(Choice.Baseline, values, timestamps)
            : Blend(Points(Choice.Baseline, values, timestamps), Points(Choice.Candidate, values, timestamps), Choice.Weights);
        return WithIntervals(points, Intervals);
    }

    /// <summary>One method's point forecast after the last of <paramref name="values"/>.</summary>
    internal double[] Points(ForecastMethod method, ReadOnlySpan<double> values, ReadOnlySpan<DateTime> timestamps)
    {
        var end = values.Length - 1;
        var points = new double[Horizon];
        if (method is ForecastMethod.Linear or ForecastMethod.Rnn && Linear is not null)
        {
            var logs = new double[values.Length];
            for (var i = 0; i < logs.Length; i++)
            {
                logs[i] = Math.Log(values[i]);
            }

            Linear.ForecastSteps(logs, end, points);
            return method == ForecastMethod.Rnn
                ? NetworkEnsemble.Forecast(Networks, values, timestamps, points)
                : [.. points.Select(Math.Exp)];
        }

        for (var k = 1; k <= Horizon; k++)
        {
            points[k - 1] = BaselineForecasts.Point(method, values, end, k, SeasonalNaiveLag);
        }

        return points;
    }

    /// <summary>Moves <paramref name="from"/> toward <paramref name="to"/> by the weight of each value's step; both hold whole
    /// horizons, origin after origin.</summary>
    internal static double[] Blend(ReadOnlySpan<double> from, ReadOnlySpan<double> to, IReadOnlyList<double> weights)
    {
        var blended = new double[from.Length];
        for (var i = 0; i < blended.Length; i++)
        {
            blended[i] = from[i] + (weights[i % weights.Count] * (to[i] - from[i]));
        }

        return blended;
    }

    /// <summary>Intervals around <paramref name="points"/> from radii in log space: multiplicative, so they stay positive.</summary>
    internal static SeriesForecast WithIntervals(double[] points, ConformalCalibration radii)
    {
        var intervals = new PredictionInterval[radii.Levels.Count];
        for (var l = 0; l < intervals.Length; l++)
        {
            var lower = new double[points.Length];
            var upper = new double[points.Length];
            for (var k = 0; k < points.Length; k++)
            {
                var radius = radii.Radius(l, k);
                lower[k] = points[k] * Math.Exp(-radius);
                upper[k] = points[k] * Math.Exp(radius);
            }

            intervals[l] = new PredictionInterval(radii.Levels[l], lower, upper);
        }

        return new SeriesForecast(points, intervals);
    }
}
