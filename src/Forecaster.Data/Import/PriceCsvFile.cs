namespace Forecaster.Data.Import;

/// <summary>One data line of a price CSV: its row, or why it was rejected.</summary>
internal readonly record struct PriceCsvLine(long LineNumber, PriceRow Row, string? Rejection);

/// <summary>
/// A price CSV: the mapped columns located by header name in a <see cref="CsvRecordReader"/>, each record parsed on its
/// own.
/// </summary>
internal sealed class PriceCsvFile : IDisposable
{
    private readonly CsvRecordReader _records;
    private readonly int _keyIndex;
    private readonly int _timestampIndex;
    private readonly int _priceIndex;

    private PriceCsvFile(CsvRecordReader records, int keyIndex, int timestampIndex, int priceIndex)
    {
        _records = records;
        _keyIndex = keyIndex;
        _timestampIndex = timestampIndex;
        _priceIndex = priceIndex;
    }

    /// <exception cref="ImportFormatException">No usable header, or a mapped column missing from it.</exception>
    public static PriceCsvFile Open(TextReader text, PriceCsvColumns columns, string sourceName)
    {
        var records = CsvRecordReader.Open(text, sourceName);
        try
        {
            var names = records.Header.ToList();
            int IndexOf(string name) =>
                names.IndexOf(name) is var index and >= 0
                    ? index
                    : throw new ImportFormatException(
                        $"{sourceName}: the header has no column {PriceRowParser.Quote(name)} (columns found: " +
                        $"{string.Join(", ", names.Take(20).Select(PriceRowParser.Quote))}). " +
                        "Map other header names with the column options.");

            return new PriceCsvFile(records, IndexOf(columns.SeriesKey), IndexOf(columns.Timestamp), IndexOf(columns.Price));
        }
        catch
        {
            records.Dispose();
            throw;
        }
    }

    /// <summary>The next data line, or null at the end.</summary>
    public PriceCsvLine? Next()
    {
        if (_records.Next() is not { } record)
        {
            return null;
        }

        if (record.Rejection is { } rejection)
        {
            return new PriceCsvLine(record.LineNumber, default, rejection);
        }

        var fields = record.Fields;
        return PriceRowParser.TryParse(fields[_keyIndex], fields[_timestampIndex], fields[_priceIndex], out var row, out var reason)
            ? new PriceCsvLine(record.LineNumber, row, null)
            : new PriceCsvLine(record.LineNumber, default, reason + record.Spanning);
    }

    public void Dispose() => _records.Dispose();
}
