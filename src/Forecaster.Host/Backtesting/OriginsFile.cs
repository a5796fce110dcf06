using System.Globalization;
using System.Text.RegularExpressions;
using Forecaster.Core.Backtesting;
using Forecaster.Data.Import;

namespace Forecaster.Host.Backtesting;

/// <summary>
/// Reads a backtest origins CSV (RFC 4180, through the importer's <see cref="CsvRecordReader"/>): header
/// <c>series_key,origin_ts</c>, optionally followed by <c>step,target_ts</c> with one row per step (an origin's horizon
/// is then its largest step). Timestamps are ISO 8601 (year first, so <c>1/2/2024</c> cannot be misread); without an
/// offset they are taken as UTC.
/// </summary>
public static partial class OriginsFile
{
    /// <exception cref="FormatException">A header or row that does not follow the layout, naming the line.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<OriginSpec>> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        CsvRecordReader records;
        try
        {
            records = CsvRecordReader.Open(reader, "the origins file");
        }
        catch (ImportFormatException e)
        {
            throw new FormatException(
                e.Message.Contains("empty file", StringComparison.Ordinal) ? "The origins file is empty." : $"Line 1: {e.Message}",
                e);
        }

        using (records)
        {
            return Parse(records);
        }
    }

    private static Dictionary<string, IReadOnlyList<OriginSpec>> Parse(CsvRecordReader records)
    {
        var columns = records.Header;
        var withSteps = columns.SequenceEqual(["series_key", "origin_ts", "step", "target_ts"]);
        if (!withSteps && !columns.SequenceEqual(["series_key", "origin_ts"]))
        {
            throw new FormatException($"Line 1: expected header 'series_key,origin_ts' or " +
                $"'series_key,origin_ts,step,target_ts', got '{string.Join(',', columns)}'.");
        }

        var horizons = new Dictionary<(string Key, DateTime Origin), int?>();
        var order = new List<(string Key, DateTime Origin)>();
        while (records.Next() is { } record)
        {
            var line = record.LineNumber;
            if (record.Rejection is { } rejection)
            {
                throw new FormatException($"Line {line}: {rejection}.");
            }

            var fields = record.Fields.Select(field => field.Trim()).ToArray();
            if (fields[0].Length == 0)
            {
                throw new FormatException($"Line {line}: expected {columns.Count} fields with a series key.");
            }

            var origin = (fields[0], ParseUtc(fields[1], line));
            int? step = withSteps ? ParseStep(fields[2], line) : null;
            if (withSteps && ParseUtc(fields[3], line) <= origin.Item2)
            {
                throw new FormatException($"Line {line}: target_ts must be after origin_ts.");
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
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<OriginSpec>)[.. g.Select(o => new OriginSpec(o.Origin, horizons[o])).OrderBy(s => s.OriginTs)],
                StringComparer.Ordinal);
    }

    private static DateTime ParseUtc(string text, long lineNumber) =>
        YearFirst().IsMatch(text) && DateTime.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out var value)
            ? value
            : throw new FormatException($"Line {lineNumber}: '{text}' is not an ISO 8601 timestamp.");

    private static int ParseStep(string text, long lineNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step >= 1
            ? step
            : throw new FormatException($"Line {lineNumber}: step must be a whole number ≥ 1, got '{text}'.");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirst();
}
