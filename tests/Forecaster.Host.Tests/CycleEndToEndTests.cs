using Forecaster.Host.Cli;
using Forecaster.Host.Cycle;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

public sealed class CycleEndToEndTests() : DatabaseTest(DataFiles)
{
    private static readonly string[] DataFiles = ["eu_stock_daily.csv", "us_stocks_monthly.csv", "wheat_annual.csv", "usdthb_ticks.csv"];
    private const int SeriesCount = 4 + 6 + 1 + 1;

    [Fact]
    public async Task A_cycle_publishes_K_finite_forecasts_per_series_on_each_series_cadence_with_complete_run_records()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "e2e");

        var summary = await host.RunCycleAsync();

        Assert.Equal(SeriesCount, summary.Count(SeriesOutcome.Trained));
        var forecasts = (await Database.RowsAsync(
                "SELECT series_key, step, target_ts, value, lower_80, upper_80, lower_95, upper_95 FROM latest_forecasts " +
                "ORDER BY series_key, step"))
            .GroupBy(row => (string)row[0]!)
            .ToDictionary(group => group.Key, group => group.ToList());
        Assert.Equal(SeriesCount, forecasts.Count);
        foreach (var (key, steps) in forecasts)
        {
            Assert.Equal(Enumerable.Range(1, TestHost.Horizon), steps.Select(row => (int)row[1]!));
            Assert.All(steps, row =>
            {
                var value = (double)row[3]!;
                Assert.True(double.IsFinite(value) && value > 0, $"{key}: {value}");
                Assert.InRange(value, (double)row[4]!, (double)row[5]!);
                Assert.InRange(value, (double)row[6]!, (double)row[7]!);
            });
        }

        Assert.Equal([Utc(1998, 8, 17), Utc(1998, 8, 18), Utc(1998, 8, 19)], Targets(forecasts["eu_stock_daily/DAX"]));
        Assert.Equal([Utc(2010, 4, 1), Utc(2010, 5, 1), Utc(2010, 6, 1)], Targets(forecasts["us_stocks_monthly/GOOG"]));
        Assert.Equal([Utc(1870, 1, 1), Utc(1871, 1, 1), Utc(1872, 1, 1)], Targets(forecasts["wheat_annual/BEVERIDGE"]));
        var ticks = Targets(forecasts["usdthb_ticks/USDTHB_MID"]);
        Assert.True(ticks[0] > Utc(1997, 6, 30, 23, 44) && ticks[1] - ticks[0] == ticks[2] - ticks[1] && ticks[1] > ticks[0]);

        var incompleteRuns = await Database.ScalarAsync<long>(
            """
            SELECT count(*) FROM forecast_runs r
            WHERE NOT (r.status = 'succeeded' AND r.finished_at >= r.started_at AND r.instance_id = 'e2e'
                       AND r.data_watermark = (SELECT max(ts) FROM prices p WHERE p.series_key = r.series_key)
                       AND r.points_used > 0 AND r.epochs >= 0 AND r.val_mae IS NOT NULL AND r.model_version = 1
                       AND r.hyper_parameters -> 'training' ->> 'horizon' = '3' AND NOT r.warm_started)
            """);
        Assert.Equal(0, incompleteRuns);
        Assert.Equal(SeriesCount, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs"));
    }

    [Fact]
    public async Task Without_new_data_every_series_is_skipped_and_one_new_point_retrains_only_that_series_warm()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "e2e");
        await host.RunCycleAsync();

        var quiet = await host.RunCycleAsync();

        Assert.Empty(quiet.Results);
        Assert.Equal(SeriesCount, quiet.NotDue);
        Assert.Equal(SeriesCount, quiet.Skipped);

        await Database.ExecuteAsync("INSERT INTO prices VALUES ('eu_stock_daily/SMI', '1998-08-17T00:00:00Z', 6000)");
        var retrain = await host.RunCycleAsync();

        var only = Assert.Single(retrain.Results);
        Assert.Equal(("eu_stock_daily/SMI", SeriesOutcome.Trained, true), (only.SeriesKey, only.Outcome, only.WarmStarted));
        Assert.Equal(SeriesCount - 1, retrain.NotDue);
        var latest = await Database.RowsAsync(
            "SELECT warm_started, data_watermark, model_version FROM forecast_runs WHERE series_key = " +
            "'eu_stock_daily/SMI' ORDER BY run_id DESC LIMIT 1");
        Assert.Equal([true, Utc(1998, 8, 17), 2], latest.Single());
        Assert.Equal(Utc(1998, 8, 18), (DateTime)(await Database.RowsAsync(
            "SELECT target_ts FROM latest_forecasts WHERE series_key = 'eu_stock_daily/SMI' AND step = 1")).Single()[0]!);
    }

    [Fact]
    public async Task The_train_verb_restricted_to_some_series_trains_only_those_and_leaves_the_rest_untouched()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var configuration = TestHost.SmallTraining(Database.ConnectionString, "cli").Select(setting => $"--{setting.Key}={setting.Value}");

        var exitCode = await ForecasterCommandLine.InvokeAsync(
            ["train", .. configuration, "--series", "eu_stock_daily/DAX", "wheat_annual/BEVERIDGE"], output, errors);

        Assert.Equal(0, exitCode);
        Assert.Contains("2 trained, 0 failed", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            ["eu_stock_daily/DAX", "wheat_annual/BEVERIDGE"],
            (await Database.RowsAsync("SELECT series_key FROM forecast_runs WHERE status = 'succeeded' ORDER BY 1")).Select(
                row => (string)row[0]!));
        Assert.Equal(SeriesCount - 2, await Database.ScalarAsync<long>(
            "SELECT count(*) FROM series WHERE next_due_at IS NULL AND claimed_by IS NULL AND latest_run_id IS NULL"));

        var unknown = await ForecasterCommandLine.InvokeAsync(["train", .. configuration, "--series", "no/such"], output, errors);

        Assert.Equal(65, unknown);
        Assert.Contains("Unknown series: no/such", errors.ToString(), StringComparison.Ordinal);
    }

    private static DateTime[] Targets(List<object?[]> steps) => steps.Select(row => (DateTime)row[2]!).ToArray();

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
