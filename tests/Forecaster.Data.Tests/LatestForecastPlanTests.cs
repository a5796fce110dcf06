using Forecaster.Data.Results;

namespace Forecaster.Data.Tests;

/// <summary>
/// "Latest forecast" must stay an index lookup however much history accumulates. The history here (300 series,
/// 20 runs each, 24 steps: 144,000 forecast rows) makes a sequential scan clearly the wrong plan.
/// </summary>
public sealed class LatestForecastPlanTests : DatabaseTest
{
    private async Task SeedHistoryAsync()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO series (series_key) SELECT 's' || i FROM generate_series(1, 300) i;
            INSERT INTO forecast_runs (series_key, status, instance_id, started_at, finished_at, data_watermark, points_used)
            SELECT 's' || i, 'succeeded', 'n', now(), now(), now(), 100 FROM generate_series(1, 20) r, generate_series(1, 300) i;
            INSERT INTO forecasts (run_id, step, series_key, target_ts, value)
            SELECT run_id, step, series_key, now() + step * interval '1 day', step FROM forecast_runs, generate_series(1, 24) step;
            UPDATE series s SET latest_run_id = (SELECT max(run_id) FROM forecast_runs r WHERE r.series_key = s.series_key);
            ANALYZE;
            """);
    }

    [Fact]
    public async Task The_latest_forecast_of_one_series_is_read_through_indexes()
    {
        await SeedHistoryAsync();

        var plan = await Database.ExplainAsync(ForecastReader.LatestForSeriesSql, new Dictionary<string, object> { ["series"] = "s42" });
        var rows = await new ForecastReader(Data).ReadLatestAsync("s42", CancellationToken.None);

        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Contains("forecasts_pkey", plan, StringComparison.Ordinal);
        Assert.Equal(24, rows.Count);
        Assert.All(rows, row => Assert.Equal(rows[0].RunId, row.RunId));
        Assert.Equal(await Database.ScalarAsync<long>("SELECT max(run_id) FROM forecast_runs WHERE series_key = 's42'"), rows[0].RunId);
    }

    [Fact]
    public async Task The_latest_forecasts_of_all_series_never_scan_the_forecast_history()
    {
        await SeedHistoryAsync();

        var plan = await Database.ExplainAsync(ForecastReader.LatestForAllSql);
        var rows = await new ForecastReader(Data).ReadLatestForAllAsync(CancellationToken.None);

        Assert.DoesNotContain("Seq Scan on forecasts", plan, StringComparison.Ordinal);
        Assert.Equal(300 * 24, rows.Count);
    }
}
