using Forecaster.Host.Cli;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary><c>import DIRECTORY</c> imports the CSV files in it; outputs are checked before the work (issue 13, item 16).</summary>
public sealed class ImportAndOutputFileTests : DatabaseTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forecaster-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int ExitCode, string Output, string Errors)> InvokeAsync(params string[] verb)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await ForecasterCommandLine.InvokeAsync(
            [.. verb, .. TestHost.SmallTraining(Database.ConnectionString, "files").Select(s => $"--{s.Key}={s.Value}")], output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task A_directory_imports_every_csv_in_it_and_a_file_that_cannot_be_read_does_not_stop_the_others()
    {
        var prices = Directory.CreateDirectory(Path.Combine(_folder, "prices")).FullName;
        await File.WriteAllTextAsync(Path.Combine(prices, "b.csv"), "series_key,ts,price\nb,2020-01-01T00:00:00Z,2\n");
        await File.WriteAllTextAsync(Path.Combine(prices, "a.csv"), "series_key,ts,price\na,2020-01-01T00:00:00Z,1\n");
        await File.WriteAllTextAsync(Path.Combine(prices, "notes.txt"), "not prices");
        var missing = Path.Combine(_folder, "missing.csv");
        using var output = new StringWriter();
        using var errors = new StringWriter();
        await using var data = Forecaster.Data.Access.ForecasterDatabase.Create(Database.ConnectionString);

        // As the command line hands them over: FILE arguments, one of which names a directory.
        var outcome = await ImportVerb.ImportAsync(
            new Forecaster.Data.Import.PriceImporter(data), [new FileInfo(missing), new FileInfo(
                prices)], Forecaster.Data.Import.PriceCsvColumns.Default, output, errors, CancellationToken.None);

        Assert.Equal(new ImportOutcome(0, 1), outcome);
        Assert.Contains("missing.csv", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            ["a.csv: 1 inserted", "b.csv: 1 inserted"],
            output.ToString().Split('\n').Where(line => line.Contains(".csv:", StringComparison.Ordinal)).Select(line => line[..17]));
        Assert.Equal(["a", "b"], (await Database.RowsAsync("SELECT series_key FROM prices ORDER BY 1")).Select(row => (string)row[0]!));
    }

    [Fact]
    public async Task Backtest_into_a_missing_folder_fails_at_once_naming_it_before_any_work()
    {
        await SeededDatabase.ImportAsync(Database.ConnectionString, "wheat_annual.csv");
        var started = TimeProvider.System.GetTimestamp();

        var (exitCode, _, errors) = await InvokeAsync("backtest", "--out", Path.Combine(_folder, "no-such-folder", "out.csv"));

        Assert.Equal(VerbHost.CannotCreateOutput, exitCode);
        Assert.Contains("no-such-folder does not exist", errors, StringComparison.Ordinal);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM backtests"));
        Assert.True(
            TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(20),
            "the backtest ran before the output was checked");
    }
}
