using Forecaster.Core.Models;
using Forecaster.Core.Training;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// Several networks trained on the same windows against the same base, differing in their seeds (initial weights
/// and batch order); the forecast is their median, which is steadier than any one of them out of sample.
/// </summary>
public sealed class NetworkEnsemble
{
    private NetworkEnsemble(IReadOnlyList<TrainingResult> members) => Members = members;

    public IReadOnlyList<TrainingResult> Members { get; }

    /// <param name="warmStarts">Earlier members to continue from, matched by position; missing or unfit ones train cold.</param>
    public static NetworkEnsemble Train(
        ReadOnlySpan<double> values,
        ReadOnlySpan<DateTime> timestamps,
        TrainingSettings settings,
        ForecastBase forecastBase,
        int size,
        IReadOnlyList<SeriesModel> warmStarts,
        TimeProvider? timeProvider,
        CancellationToken ct)
    {
        var members = new List<TrainingResult>(size);
        for (var m = 0; m < size; m++)
        {
            var memberSettings = settings with { Seed = unchecked(settings.Seed + (m * 7919)) };
            var warm = m < warmStarts.Count ? warmStarts[m] : null;
            members.Add(SeriesTrainer.Train(values, memberSettings, warm, progress: null, ct, timeProvider, timestamps,
                forecastBase: forecastBase));
        }

        return new NetworkEnsemble(members);
    }

    /// <summary>The median of the members' validation forecasts, [window][step].</summary>
    public double[] ValidationForecasts()
    {
        var count = Members[0].ValidationForecasts.Count;
        var forecasts = new double[Members.Count * count];
        for (var m = 0; m < Members.Count; m++)
        {
            for (var i = 0; i < count; i++)
            {
                forecasts[(m * count) + i] = Members[m].ValidationForecasts[i];
            }
        }

        return ColumnMedians(forecasts, Members.Count, count);
    }

    /// <summary>The median of the networks' forecasts after the last of <paramref name="values"/>, each mapped from the base.</summary>
    /// <param name="baseLevels">Per step, the log level a zero output forecasts.</param>
    public static double[] Forecast(IReadOnlyList<SeriesModel> networks, ReadOnlySpan<double> values, ReadOnlySpan<DateTime> timestamps,
        ReadOnlySpan<double> baseLevels)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var horizon = baseLevels.Length;
        var prices = new double[networks.Count * horizon];
        for (var m = 0; m < networks.Count; m++)
        {
            var model = networks[m];
            var outputs = model.Outputs(values, model.Features.NeedsTimestamps ? timestamps : default);
            for (var k = 0; k < horizon; k++)
            {
                prices[(m * horizon) + k] = model.Scaler.ToPrice(Math.Exp(baseLevels[k]), k + 1, outputs[k]);
            }
        }

        return ColumnMedians(prices, networks.Count, horizon);
    }

    /// <summary>Per position, the median over the members of a member-major [member][position] array.</summary>
    private static double[] ColumnMedians(double[] memberMajor, int members, int length)
    {
        var medians = new double[length];
        var column = new double[members];
        for (var i = 0; i < length; i++)
        {
            for (var m = 0; m < members; m++)
            {
                column[m] = memberMajor[(m * length) + i];
            }

            medians[i] = Median(column);
        }

        return medians;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
    }
}
