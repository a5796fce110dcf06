namespace Forecaster.Data.Sources;

/// <summary>
/// Where prices are read from: any table or view with a series key, a timestamp and a value column.
/// Names are matched exactly as stored in the catalog (unquoted DDL stores lower case).
/// </summary>
public sealed record PriceSourceOptions
{
    public string Schema { get; init; } = "public";

    public string Table { get; init; } = "prices";

    public string KeyColumn { get; init; } = "series_key";

    public string TimestampColumn { get; init; } = "ts";

    public string ValueColumn { get; init; } = "price";

    public static PriceSourceOptions Default { get; } = new();

    /// <summary>Every name that is not a plain identifier, with the setting it came from (empty when all are valid).</summary>
    public IReadOnlyList<string> InvalidNames() =>
        new[]
            {
                (nameof(Schema), Schema), (nameof(Table), Table), (nameof(KeyColumn), KeyColumn),
                (nameof(TimestampColumn), TimestampColumn), (nameof(ValueColumn), ValueColumn),
            }
            .Where(setting => !SqlIdentifier.IsValid(setting.Item2))
            .Select(setting => $"{setting.Item1} = '{setting.Item2}'")
            .ToArray();
}
