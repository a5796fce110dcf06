using System.Globalization;
using Forecaster.Core.Backtesting;

namespace Forecaster.Host.Backtesting;

/// <summary>
/// The backtest CSV: the eight contract columns first and exact, then <c>method</c> (<c>champion</c> rows are
/// what the service would have published; <c>rnn</c>, <c>naive</c>, <c>seasonal_naive</c> and <c>drift</c> compare).
/// </summary>
internal static class BacktestCsv
{
    public const string Header = "series_key,origin_ts,step,target_ts,forecast,lower,upper,actual,method";

    public static async Task WriteAsync(TextWriter writer, IEnumerable<BacktestRow> rows, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{Quote(row.SeriesKey)},{Stamp(row.OriginTs)},{row.Step},{Stamp(row.TargetTs)}," +
                $"{row.Forecast:R},{row.Lower:R},{row.Upper:R},{row.Actual:R},{row.Method}").AsMemory(), cancellationToken);
        }
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : text;
}
