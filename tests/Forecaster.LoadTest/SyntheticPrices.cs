using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.LoadTest;

/// <summary>
/// Daily random-walk prices (geometric, ~1 % daily volatility with a little drift, each series its own
/// level), written to the default <c>prices</c> table by binary COPY so the load test measures the service,
/// not the loader. A fixed seed keeps runs comparable.
/// </summary>
internal static class SyntheticPrices
{
    private static readonly DateTime FirstDay = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<string> SeedAsync(string connectionString, int seriesCount, int points)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(20261127);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // One COPY per batch of series keeps the statement trigger's transition table (new keys) small.
        const int seriesPerCopy = 500;
        for (var first = 0; first < seriesCount; first += seriesPerCopy)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY prices (series_key, ts, price) FROM STDIN (FORMAT BINARY)");
            for (var series = first; series < Math.Min(seriesCount, first + seriesPerCopy); series++)
            {
                var price = 10 + (random.NextDouble() * 490);
                var drift = (random.NextDouble() - 0.5) * 0.001;
                for (var day = 0; day < points; day++)
                {
                    price *= Math.Exp(drift + (0.01 * Gaussian(random)));
                    await WriteRowAsync(writer, Key(series), FirstDay.AddDays(day), price);
                }
            }

            await writer.CompleteAsync();
        }

        return $"seeded {seriesCount} series x {points} points in {clock.Elapsed.TotalSeconds:F1} s";
    }

    /// <summary>Adds one day to every series: the next price is the last one moved by one random step.</summary>
    public static async Task<string> AppendOnePointAsync(string connectionString)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO prices (series_key, ts, price)
            SELECT DISTINCT ON (series_key) series_key, ts + interval '1 day', price * exp(0.01 * (random() - 0.5))
            FROM prices ORDER BY series_key, ts DESC
            """,
            connection);
        command.CommandTimeout = 0;
        var added = await command.ExecuteNonQueryAsync();
        return $"appended {added} points in {clock.Elapsed.TotalSeconds:F1} s";
    }

    private static string Key(int series) => $"load/{series:D5}";

    private static async Task WriteRowAsync(NpgsqlBinaryImporter writer, string key, DateTime day, double price)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(key, NpgsqlDbType.Text);
        await writer.WriteAsync(day, NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(price, NpgsqlDbType.Double);
    }

    // Box–Muller: System.Random has no normal distribution.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
