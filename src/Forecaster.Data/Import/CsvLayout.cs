namespace Forecaster.Data.Import;

/// <summary>Where the mapped columns sit in this file's header, and how a data line is read with that knowledge.</summary>
internal sealed class CsvLayout
{
    private readonly int _keyIndex;
    private readonly int _timestampIndex;
    private readonly int _priceIndex;
    private readonly int _fieldCount;

    private CsvLayout(int keyIndex, int timestampIndex, int priceIndex, int fieldCount)
    {
        _keyIndex = keyIndex;
        _timestampIndex = timestampIndex;
        _priceIndex = priceIndex;
        _fieldCount = fieldCount;
    }

    public static CsvLayout FromHeader(string headerLine, PriceCsvColumns columns, string sourceName)
    {
        var header = CsvLine.Split(headerLine)?.Select(name => name.Trim()).ToList()
            ?? throw new ImportFormatException($"{sourceName}: the header line has an unterminated quote.");

        int IndexOf(string name) =>
            header.IndexOf(name) is var index and >= 0
                ? index
                : throw new ImportFormatException(
                    $"{sourceName}: the header has no column '{name}' (columns found: {string.Join(", ", header)}). " +
                    "Map other header names with the column options.");

        return new CsvLayout(IndexOf(columns.SeriesKey), IndexOf(columns.Timestamp), IndexOf(columns.Price), header.Count);
    }

    public bool TryReadRow(string line, out PriceRow row, out string reason)
    {
        row = default;
        var fields = CsvLine.Split(line);
        if (fields is null)
        {
            reason = "unterminated quoted field";
            return false;
        }

        if (fields.Count != _fieldCount)
        {
            reason = $"expected {_fieldCount} fields as in the header, found {fields.Count}";
            return false;
        }

        return PriceRowParser.TryParse(fields[_keyIndex], fields[_timestampIndex], fields[_priceIndex], out row, out reason);
    }
}
