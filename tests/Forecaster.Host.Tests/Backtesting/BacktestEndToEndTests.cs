using System.Globalization;
using Forecaster.Testing;
using Forecaster.Host.Cli;
using Forecaster.Host.Tests.Support;

namespace Forecaster.Host.Tests.Backtesting;

/// <summary><c>forecaster backtest</c> on real annual wheat prices in a real PostgreSQL, with training shrunk to seconds.</summary>
public sealed class BacktestEndToEndTests() : DatabaseTest("wheat_annual.csv"), IDisposable
{
    private const string Key = "wheat_annual/BEVERIDGE";
    private static readonly string[] Champions = ["rnn", "linear", "naive", "seasonal_naive", "seasonal_drift"];
    private readonly string _folder = Directory.CreateTempSubdirectory("forecaster-backtest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Origins_from_a_file_give_the_csv_rows_the_table_rows_and_a_summary()
    {
        var origins = Path.Combine(_folder, "origins.csv");
        await File.WriteAllTextAsync(origins, """
            series_key,origin_ts,step,target_ts
            wheat_annual/BEVERIDGE,1850-01-01T00:00:00Z,1,1851-01-01T00:00:00Z
            wheat_annual/BEVERIDGE,1850-01-01T00:00:00Z,2,1852-01-01T00:00:00Z
            wheat_annual/BEVERIDGE,1860-01-01T00:00:00Z,1,1861-01-01T00:00:00Z
            """);
        var csv = Path.Combine(_folder, "out.csv");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await ForecasterCommandLine.InvokeAsync(
            ["backtest", "--origins", origins, "--out", csv, "--level", "95", .. TestHost.SmallTraining(
                Database.ConnectionString,
                "backtest").Select(s => $"--{s.Key}={s.Value}")],
            output,
            errors);

        Assert.True(exitCode == 0, errors.ToString() + output);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal("series_key,origin_ts,step,target_ts,forecast,lower,upper,actual,method", lines[0]);
        var champion = lines.Skip(1).Select(line => line.Split(',')).Where(f => f[8] == "champion").ToArray();
        Assert.Equal(
            [
                "1850-01-01T00:00:00Z,1,1851-01-01T00:00:00Z", "1850-01-01T00:00:00Z,2,1852-01-01T00:00:00Z",
                "1860-01-01T00:00:00Z,1,1861-01-01T00:00:00Z",
            ],
            champion.Select(f => string.Join(',', f[1..4])));
        var prices = File.ReadLines(SeededDatabase.DataFile("wheat_annual.csv").FullName).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[1], f => f[2]);
        Assert.All(
            champion,
            f => Assert.Equal(double.Parse(prices[f[3]], CultureInfo.InvariantCulture), double.Parse(f[7], CultureInfo.InvariantCulture)));
        Assert.All(champion, f => Assert.InRange(
            double.Parse(f[4], CultureInfo.InvariantCulture),
            double.Parse(f[5], CultureInfo.InvariantCulture),
            double.Parse(f[6], CultureInfo.InvariantCulture)));
        Assert.Contains(lines, line => line.EndsWith(",naive", StringComparison.Ordinal));

        var stored = await Database.RowsAsync(
            "SELECT count(*), count(DISTINCT backtest_id), min(interval_level), min(series_key) FROM backtests");
        Assert.Equal([(long)(lines.Length - 1), 1L, 0.95, Key], stored.Single());
        Assert.Contains("all ", output.ToString(), StringComparison.Ordinal);
        // Coverage and MSIS per level on the family and overall rows.
        Assert.Matches(@"(?m)^wheat_annual +champion .* 95%:\d+\.\d/\d+\.\d\d$", output.ToString());
    }

    [Fact]
    public async Task The_dashboard_reads_backtests_and_the_service_runs_record_their_champion()
    {
        await using (var host = await TestHost.StartAsync(Database.ConnectionString, "cycle"))
        {
            await host.RunCycleAsync();
        }

        var run = (await Database.RowsAsync("SELECT status, champion, champion_margin FROM forecast_runs")).Single();
        Assert.Equal("succeeded", run[0]);
        Assert.Contains(run[1] as string, Champions);
        Assert.IsType<double>(run[2]);

        var dashboard = await Database.CreateDashboardLoginAsync();
        await using var connection = new Npgsql.NpgsqlConnection(dashboard);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM backtests", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
