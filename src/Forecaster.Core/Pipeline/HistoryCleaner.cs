using System.Globalization;
using Forecaster.Core.Validation;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// Makes raw source rows trainable, with one documented policy per defect:
/// <list type="bullet">
/// <item>NaN, infinite, zero or negative prices: dropped and counted (<see cref="InvalidValuePolicy.DropAndRecord"/>),
/// unless they exceed <see cref="CleaningPolicy.MaxInvalidShare"/> or the policy is <see cref="InvalidValuePolicy.FailRun"/>:
/// then the series is refused with <see cref="ForecastInputError.InvalidValues"/>, because a model of mostly-bad data
/// is worse than none.</item>
/// <item>Duplicate timestamps (possible in custom sources): the last row read wins, counted as merged.</item>
/// <item>Fewer than two usable points: <see cref="ForecastInputError.SeriesTooShort"/>, a wait for more data.</item>
/// </list>
/// </summary>
public static class HistoryCleaner
{
    /// <summary>Fewer points leave no spacing to infer a cadence from.</summary>
    public const int MinimumPoints = 2;

    /// <exception cref="ForecastInputException">Too many invalid values, or too few usable points.</exception>
    public static CleanHistory Clean(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, CleaningPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(policy);
        var order = Enumerable.Range(0, timestamps.Count).OrderBy(i => timestamps[i]).ToArray();
        var keptStamps = new List<DateTime>(order.Length);
        var keptValues = new List<double>(order.Length);
        var invalid = 0;
        var duplicates = 0;
        foreach (var i in order)
        {
            if (!(double.IsFinite(values[i]) && values[i] > 0))
            {
                if (policy.InvalidValues == InvalidValuePolicy.FailRun)
                {
                    throw new ForecastInputException(
                        ForecastInputError.InvalidValues,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Value {values[i]} at {timestamps[i]:O} is not a positive finite price."),
                        i);
                }

                invalid++;
                continue;
            }

            if (keptStamps.Count > 0 && keptStamps[^1] == timestamps[i])
            {
                keptValues[^1] = values[i];
                duplicates++;
                continue;
            }

            keptStamps.Add(timestamps[i]);
            keptValues.Add(values[i]);
        }

        if (timestamps.Count > 0 && invalid > policy.MaxInvalidShare * timestamps.Count)
        {
            throw new ForecastInputException(
                ForecastInputError.InvalidValues,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{invalid} of {timestamps.Count} values are not positive finite prices (more than {policy.MaxInvalidShare:P0})."));
        }

        if (keptStamps.Count < MinimumPoints)
        {
            throw new ForecastInputException(
                ForecastInputError.SeriesTooShort,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Only {keptStamps.Count} usable point(s) of {timestamps.Count}; at least {MinimumPoints} are needed."));
        }

        return new CleanHistory([.. keptStamps], [.. keptValues], invalid, duplicates);
    }
}
