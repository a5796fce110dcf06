using System.Globalization;
using Forecaster.Data.Access;
using Forecaster.Data.Import;
using Forecaster.Host.Cli;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests.Accuracy;

/// <summary>
/// The bundled DAX replayed through time: import up to a day, run a cycle, import the next days, run again. Every
/// recorded error and coverage count is checked against a hand computation from the CSV and the published run.
/// </summary>
public sealed class LiveAccuracyReplayTests : DatabaseTest
{
    private const string Key = "eu_stock_daily/DAX";
    private (DateTime Ts, double Price, string Line)[] _dax = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dax = [.. File.ReadLines(SeededDatabase.DataFile("eu_stock_daily.csv").FullName)
            .Where(line => line.StartsWith(Key + ",", StringComparison.Ordinal))
            .Select(line => line.Split(','))
            .Select(parts => (DateTime.Parse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), double.Parse(
                parts[2],
                CultureInfo.InvariantCulture), string.Join(',', parts)))];
    }

    /// <summary>The real import path, with a file holding the DAX rows [from, to).</summary>
    private async Task ImportAsync(int from, int to)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dax-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, ["series_key,ts,price", .. _dax[from..to].Select(row => row.Line)]);
        try
        {
            await using var data = ForecasterDatabase.Create(Database.ConnectionString);
            var report = await new PriceImporter(data).ImportFileAsync(file, columns: null, CancellationToken.None);
            Assert.Equal(to - from, report.Inserted);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Each_published_step_is_scored_as_its_actual_is_imported_exactly_as_computed_by_hand()
    {
        var n = _dax.Length;
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "replay");
        await ImportAsync(0, n - 6);
        await host.RunCycleAsync();
        var firstRun = await Database.ScalarAsync<long>("SELECT latest_run_id FROM series");

        await ImportAsync(n - 6, n - 3);
        await host.RunCycleAsync();

        var expected = await HandScoresAsync(firstRun, originIndex: n - 7);
        var recorded = await Database.RowsAsync(
            $"SELECT step, target_ts, actual, abs_error, scaled_error, naive_abs_error, naive_scaled_error, covered_80, " +
            $"covered_95 FROM forecast_scores WHERE run_id = {firstRun} AND kind = 'published' ORDER BY step");
        Assert.Equal(TestHost.Horizon, recorded.Count);
        for (var k = 0; k < recorded.Count; k++)
        {
            var (target, actual, error, scaled, naiveError, naiveScaled, in80, in95) = expected[k];
            var row = recorded[k];
            Assert.Equal(target, (DateTime)row[1]!);
            Assert.Equal(actual, (double)row[2]!);
            Assert.Equal(error, (double)row[3]!, 9);
            Assert.Equal(scaled, (double)row[4]!, 9);
            Assert.Equal(naiveError, (double)row[5]!, 9);
            Assert.Equal(naiveScaled, (double)row[6]!, 9);
            Assert.Equal((in80, in95), ((bool)row[7]!, (bool)row[8]!));
        }

        // A second replay step: the run published by the last cycle is scored too, and the view pools both runs per step.
        var secondRun = await Database.ScalarAsync<long>("SELECT latest_run_id FROM series");
        await ImportAsync(n - 3, n);
        await host.RunCycleAsync();

        var both = expected.Concat(await HandScoresAsync(secondRun, originIndex: n - 4)).ToArray();
        var view = await Database.RowsAsync($"SELECT step, n, missing, mae, mase, naive_mase, coverage_80, coverage_95 " +
            $"FROM forecast_accuracy WHERE series_key = '{Key}' ORDER BY step");
        Assert.Equal(TestHost.Horizon, view.Count);
        for (var k = 0; k < view.Count; k++)
        {
            var step = new[] { both[k], both[k + TestHost.Horizon] };
            Assert.Equal([k + 1, 2L, 0L], view[k][..3]);
            Assert.Equal(step.Average(s => s.Error), (double)view[k][3]!, 9);
            Assert.Equal(step.Average(s => s.Scaled), (double)view[k][4]!, 9);
            Assert.Equal(step.Average(s => s.NaiveScaled), (double)view[k][5]!, 9);
            Assert.Equal(step.Count(s => s.In80) / 2m, (decimal)view[k][6]!);
            Assert.Equal(step.Count(s => s.In95) / 2m, (decimal)view[k][7]!);
        }

        Assert.Equal(
            [(long)both.Count(s => s.In80), (long)both.Count(s => s.In95)],
            (await Database.RowsAsync($"SELECT count(*) FILTER (WHERE covered_80), count(*) FILTER (WHERE covered_95) " +
                $"FROM forecast_scores WHERE kind = 'published' AND status = 'scored'")).Single());

        using var output = new StringWriter();
        var configuration = TestHost.SmallTraining(Database.ConnectionString, "cli").Select(setting => $"--{setting.Key}={setting.Value}");
        Assert.Equal(0, await ForecasterCommandLine.InvokeAsync(["accuracy", .. configuration, "--series", Key], output, TextWriter.Null));
        var line = output.ToString().Split('\n').First(text => text.StartsWith(Key, StringComparison.Ordinal));
        Assert.Equal(
            [Key, "6", "0", both.Average(s => s.Error).ToString("G6", CultureInfo.InvariantCulture)],
            line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
    }

    /// <summary>
    /// Errors of a run's forecasts against the CSV, computed here: the naive forecast is the last value the run saw, the
    /// scale the mean absolute one-step change over the points it trained on (<c>points_used</c>).
    /// </summary>
    private async Task<(DateTime Target, double Actual, double Error, double Scaled, double NaiveError, double NaiveScaled, bool In80,
        bool In95)[]> HandScoresAsync(
        long runId, int originIndex)
    {
        var pointsUsed = await Database.ScalarAsync<int>($"SELECT points_used FROM forecast_runs WHERE run_id = {runId}");
        var history = _dax[(originIndex + 1 - pointsUsed)..(originIndex + 1)].Select(row => row.Price).ToArray();
        var scale = history.Zip(history.Skip(1), (a, b) => Math.Abs(b - a)).Average();
        var origin = history[^1];
        var forecasts = await Database.RowsAsync(
            $"SELECT step, value, lower_80, upper_80, lower_95, upper_95 FROM forecasts WHERE run_id = {runId} ORDER BY step");
        return [.. forecasts.Select(row =>
        {
            var (step, value) = ((int)row[0]!, (double)row[1]!);
            var (target, actual, _) = _dax[originIndex + step];
            return (target, actual, Math.Abs(value - actual), Math.Abs(value - actual) / scale, Math.Abs(origin - actual), Math.Abs(
                origin - actual) / scale,
                (double)row[2]! <= actual && actual <= (double)row[3]!, (double)row[4]! <= actual && actual <= (double)row[5]!);
        })];
    }
}
