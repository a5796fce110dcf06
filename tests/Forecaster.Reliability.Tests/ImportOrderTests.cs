using System.Globalization;
using Forecaster.Data.Access;
using Forecaster.Data.Import;
using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// Row order and UTC offsets in an import are presentation, not data: a shuffled file written in other time
/// zones lands as the same instants and forecasts exactly like the ordered UTC original.
/// </summary>
public sealed class ImportOrderTests() : DatabaseTest("msft_daily_short.csv")
{
    private const string Original = "msft_daily_short/MSFT";
    private const string Shuffled = "shuffled/MSFT";
    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(5.5), TimeSpan.FromHours(-8), TimeSpan.FromHours(14), TimeSpan.Zero];

    [Fact]
    public async Task A_shuffled_import_with_mixed_offsets_stores_the_same_instants_and_forecasts_the_same()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "msft_daily_short.csv"));
        var random = new Random(7);
        var rewritten = lines.Skip(1).Select((line, index) =>
        {
            var fields = line.Split(',');
            var instant = DateTimeOffset.Parse(fields[1], CultureInfo.InvariantCulture);
            var local = instant.ToOffset(Offsets[index % Offsets.Length]).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
            return $"{Shuffled},{local},{fields[2]}";
        }).OrderBy(_ => random.Next());
        var csv = string.Join('\n', [lines[0], .. rewritten]);

        await using (var data = ForecasterDatabase.Create(Database.ConnectionString))
        {
            var report = await new PriceImporter(data).ImportAsync(new StringReader(csv), "shuffled.csv", null, CancellationToken.None);
            Assert.Equal((lines.Length - 1L, 0L), (report.Inserted, report.RejectedCount));
        }

        Assert.Equal(
            0,
            await Database.ScalarAsync<long>(
                $"SELECT count(*) FROM (SELECT ts, price FROM prices WHERE series_key = '{Original}') a FULL JOIN " +
                $"(SELECT ts, price FROM prices WHERE series_key = '{Shuffled}') b USING (ts, price) WHERE a.ts IS NULL OR b.ts IS NULL"));
        var (exitCode, output) = await ServiceProcess.RunAsync("train", Database.ConnectionString, "order");

        Assert.True(exitCode == 0, output);
        var forecasts = await Database.RowsAsync(
            $"SELECT step, target_ts, value FROM latest_forecasts WHERE series_key IN ('{Original}', '{Shuffled}') ORDER " +
            $"BY series_key, step");
        Assert.Equal(2 * ServiceProcess.Horizon, forecasts.Count);
        Assert.Equal(forecasts[ServiceProcess.Horizon..], forecasts[..ServiceProcess.Horizon]);
    }

    [Fact]
    public async Task A_configured_identifier_carrying_sql_is_refused_at_start_and_runs_nothing()
    {
        var (exitCode, output) = await ServiceProcess.RunAsync(
            "train",
            Database.ConnectionString,
            "injected",
            new Dictionary<string, string>
                {
                    ["Forecaster:Source:Table"] = "prices; DROP TABLE series; --",
                });

        Assert.Equal(78, exitCode);
        Assert.Contains("Forecaster:Source:Table", output, StringComparison.Ordinal);
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT count(*) FROM series"));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));
    }
}
