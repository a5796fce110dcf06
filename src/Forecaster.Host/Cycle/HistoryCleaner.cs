using System.Globalization;
using Forecaster.Host.Configuration;

namespace Forecaster.Host.Cycle;

/// <summary>
/// Makes raw source rows trainable, with one documented policy per defect:
/// <list type="bullet">
/// <item>NaN, infinite, zero or negative prices: dropped and counted (<see cref="InvalidValuePolicy.DropAndRecord"/>),
/// unless they exceed <see cref="SeriesOptions.MaxInvalidShare"/> or the policy is <see cref="InvalidValuePolicy.FailRun"/>:
/// then the run fails with reason <c>invalid_values</c>, because a model of mostly-bad data is worse than none.</item>
/// <item>Duplicate timestamps (possible in custom sources): the last row read wins, counted as merged.</item>
/// <item>Fewer than two usable points: the run is skipped (<c>series_too_short</c>) until more data arrives.</item>
/// </list>
/// </summary>
public static class HistoryCleaner
{
    public const string InvalidValuesReason = "invalid_values";
    public const string TooShortReason = "series_too_short";

    /// <summary>Fewer points leave no spacing to infer a cadence from.</summary>
    public const int MinimumPoints = 2;

    public static CleanHistory Clean(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, SeriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        var order = Enumerable.Range(0, timestamps.Count).OrderBy(i => timestamps[i]).ToArray();
        var keptStamps = new List<DateTime>(order.Length);
        var keptValues = new List<double>(order.Length);
        var invalid = 0;
        var duplicates = 0;
        foreach (var i in order)
        {
            if (!(double.IsFinite(values[i]) && values[i] > 0))
            {
                if (options.InvalidValues == InvalidValuePolicy.FailRun)
                {
                    throw new SeriesRejectedException(
                        SeriesOutcome.Failed,
                        InvalidValuesReason,
                        string.Create(CultureInfo.InvariantCulture, $"Value {values[i]} at {timestamps[i]:O} is not a positive finite price."));
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

        if (timestamps.Count > 0 && invalid > options.MaxInvalidShare * timestamps.Count)
        {
            throw new SeriesRejectedException(
                SeriesOutcome.Failed,
                InvalidValuesReason,
                string.Create(CultureInfo.InvariantCulture, $"{invalid} of {timestamps.Count} values are not positive finite prices (more than {options.MaxInvalidShare:P0})."));
        }

        if (keptStamps.Count < MinimumPoints)
        {
            throw new SeriesRejectedException(
                SeriesOutcome.Skipped,
                TooShortReason,
                string.Create(CultureInfo.InvariantCulture, $"Only {keptStamps.Count} usable point(s) of {timestamps.Count}; at least {MinimumPoints} are needed."));
        }

        return new CleanHistory([.. keptStamps], [.. keptValues], invalid, duplicates);
    }
}
