using Forecaster.Host.Cli;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests.Backtesting;

/// <summary>A series with rows at infinity and before year 1 still backtests and saves (issue 13, item 9).</summary>
public sealed class OutOfRangeStampBacktestTests() : DatabaseTest("wheat_annual.csv"), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forecaster-backtest-").FullName;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync(
            "INSERT INTO prices VALUES ('wheat_annual/BEVERIDGE', 'infinity', 1), ('wheat_annual/BEVERIDGE', '0001-01-01 BC', 1)");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Backtest_ignores_the_out_of_range_rows_and_stores_its_results()
    {
        var origins = Path.Combine(_folder, "origins.csv");
        await File.WriteAllTextAsync(origins, "series_key,origin_ts\nwheat_annual/BEVERIDGE,1850-01-01T00:00:00Z\n");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await ForecasterCommandLine.InvokeAsync(
            ["backtest", "--origins", origins, "--out", Path.Combine(_folder, "out.csv"), .. TestHost.SmallTraining(
                Database.ConnectionString,
                "backtest").Select(s => $"--{s.Key}={s.Value}")],
            output,
            errors);

        Assert.True(exitCode == 0, errors.ToString() + output);
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM backtests WHERE target_ts < '9999-01-01Z'") > 0);
        Assert.Equal(
            0L,
            await Database.ScalarAsync<long>(
                "SELECT count(*) FROM backtests WHERE target_ts > '2100-01-01Z' OR origin_ts < '1000-01-01Z'"));
    }
}
