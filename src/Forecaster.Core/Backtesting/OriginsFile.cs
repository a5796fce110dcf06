using System.Globalization;

namespace Forecaster.Core.Backtesting;

/// <summary>
/// Reads a backtest origins CSV: header <c>series_key,origin_ts</c>, optionally followed by <c>step,target_ts</c>
/// with one row per step (an origin's horizon is then its largest step). Timestamps are ISO 8601 and taken as UTC.
/// </summary>
public static class OriginsFile
{
    /// <exception cref="FormatException">A header or row that does not follow the layout, naming the line.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<OriginSpec>> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new FormatException("The origins file is empty.");
        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        var withSteps = columns.SequenceEqual(["series_key", "origin_ts", "step", "target_ts"]);
        if (!withSteps && !columns.SequenceEqual(["series_key", "origin_ts"]))
        {
            throw new FormatException($"Line 1: expected header 'series_key,origin_ts' or 'series_key,origin_ts,step,target_ts', got '{header}'.");
        }

        var horizons = new Dictionary<(string Key, DateTime Origin), int?>();
        var order = new List<(string Key, DateTime Origin)>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            if (fields.Length != columns.Length || fields[0].Length == 0)
            {
                throw new FormatException($"Line {lineNumber}: expected {columns.Length} fields with a series key, got '{line}'.");
            }

            var origin = (fields[0], ParseUtc(fields[1], lineNumber));
            int? step = withSteps ? ParseStep(fields[2], lineNumber) : null;
            if (withSteps && ParseUtc(fields[3], lineNumber) <= origin.Item2)
            {
                throw new FormatException($"Line {lineNumber}: target_ts must be after origin_ts.");
            }

            if (horizons.TryGetValue(origin, out var known))
            {
                horizons[origin] = step is null ? known : Math.Max(known ?? 0, step.Value);
            }
            else
            {
                horizons[origin] = step;
                order.Add(origin);
            }
        }

        return order
            .GroupBy(o => o.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OriginSpec>)[.. g.Select(o => new OriginSpec(o.Origin, horizons[o])).OrderBy(s => s.OriginTs)], StringComparer.Ordinal);
    }

    private static DateTime ParseUtc(string text, int lineNumber) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"Line {lineNumber}: '{text}' is not an ISO 8601 timestamp.");

    private static int ParseStep(string text, int lineNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step >= 1
            ? step
            : throw new FormatException($"Line {lineNumber}: step must be a whole number ≥ 1, got '{text}'.");
}
