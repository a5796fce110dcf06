namespace Forecaster.Data.Import;

/// <summary>Which header names of a CSV hold the key, timestamp and price (exact, case-sensitive); other columns are ignored.</summary>
public sealed record PriceCsvColumns(string SeriesKey = "series_key", string Timestamp = "ts", string Price = "price")
{
    public static PriceCsvColumns Default { get; } = new();
}
