using System.Globalization;
using nietras.SeparatedValues;

namespace Forecaster.Data.Import;

/// <summary>One data record of a CSV file: its fields, or why it cannot be read. <see cref="LineNumber"/> is where it starts.</summary>
public sealed record CsvRecord(long LineNumber, IReadOnlyList<string> Fields, string? Rejection)
{
    /// <summary>" (the record spans lines a-b)" for a record over several lines, else empty: for messages.</summary>
    public string Spanning { get; init; } = "";
}

/// <summary>
/// RFC 4180 CSV (comma-separated; quoted fields may hold commas, quotes and line breaks) read with Sep, a maintained
/// parser, behind a <see cref="CsvRecordGuard"/> that bounds memory and rejects what is not UTF-8. The first record is
/// the header; every later record is judged on its own, and one that cannot be read comes back as a rejection with
/// its line number instead of stopping the file. Empty lines are skipped.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly CsvRecordGuard _guard;
    private readonly SepReader _reader;
    private int _guardRejectionsTaken;

    private CsvRecordReader(CsvRecordGuard guard, SepReader reader, IReadOnlyList<string> header)
    {
        _guard = guard;
        _reader = reader;
        Header = header;
    }

    /// <summary>The header's column names, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Opens a file as UTF-8 (a byte-order mark may choose another Unicode encoding).</summary>
    /// <exception cref="ImportFormatException">No usable header line.</exception>
    public static CsvRecordReader OpenFile(string path, string sourceName) => Open(CsvRecordGuard.OpenUtf8(path), sourceName);

    /// <exception cref="ImportFormatException">No usable header line.</exception>
    public static CsvRecordReader Open(TextReader text, string sourceName)
    {
        var guard = new CsvRecordGuard(text);
        try
        {
            var reader = Sep.New(',').Reader(options => options with { Unescape = true, DisableColCountCheck = true }).From(guard);
            if (guard.Rejections.FirstOrDefault(rejection => rejection.LineNumber == 1) is { } header)
            {
                reader.Dispose();
                throw new ImportFormatException($"{sourceName}: the header line cannot be read: {header.Reason}.");
            }

            var names = reader.Header.ColNames.Select(name => name.Trim()).ToArray();
            if (names.All(name => name.Length == 0))
            {
                reader.Dispose();
                throw new ImportFormatException($"{sourceName}: empty file, a header line is required.");
            }

            return new CsvRecordReader(guard, reader, names);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or NotSupportedException)
        {
            guard.Dispose();
            throw new ImportFormatException($"{sourceName}: the header line cannot be read ({e.Message}).");
        }
        catch
        {
            guard.Dispose();
            throw;
        }
    }

    /// <summary>The next record, or null at the end of the file.</summary>
    public CsvRecord? Next()
    {
        while (true)
        {
            if (_guardRejectionsTaken < _guard.Rejections.Count)
            {
                var rejected = _guard.Rejections[_guardRejectionsTaken++];
                return new CsvRecord(rejected.LineNumber, [], rejected.Reason);
            }

            if (!_reader.MoveNext())
            {
                // Reading the last chunk may have judged a last record.
                return _guardRejectionsTaken < _guard.Rejections.Count ? Next() : null;
            }

            var row = _reader.Current;
            if (row.ColCount == 1 && row.Span.IsEmpty)
            {
                continue;
            }

            var spanning = row.LineNumberToExcl - row.LineNumberFrom > 1
                ? string.Create(CultureInfo.InvariantCulture, $" (the record spans lines {row.LineNumberFrom}-{row.LineNumberToExcl - 1})")
                : "";
            if (row.ColCount != Header.Count)
            {
                return new CsvRecord(row.LineNumberFrom, [], string.Create(
                    CultureInfo.InvariantCulture, $"expected {Header.Count} fields as in the header, found {row.ColCount}{spanning}"));
            }

            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            return new CsvRecord(row.LineNumberFrom, fields, null) { Spanning = spanning };
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _guard.Dispose();
    }
}
