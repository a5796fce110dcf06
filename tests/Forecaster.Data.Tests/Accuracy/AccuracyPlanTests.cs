using Forecaster.Data.Accuracy;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests.Accuracy;

/// <summary>
/// Scoring and the dashboard views must stay index-driven however much history accumulates. 300 series with
/// 400 prices each and 20 scored runs of 24 steps (144,000 score rows, 120,000 prices) make a scan the wrong plan.
/// </summary>
public sealed class AccuracyPlanTests : DatabaseTest
{
    private static readonly Dictionary<string, object> NowParameter = new() {
        ["now"] = new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc) };

    private async Task SeedHistoryAsync()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices (series_key, ts, price)
            SELECT 's' || i, timestamptz '2025-01-01' + d * interval '1 day', 100 + d FROM generate_series(1, 300) i,
            generate_series(1, 400) d;
            INSERT INTO forecast_runs (series_key, status, instance_id, started_at, finished_at, data_watermark,
            points_used, origin_value, naive_scale)
            SELECT 's' || i, 'succeeded', 'n', now(), now(), now(), 100, 100, 1 FROM generate_series(1, 20) r, generate_series(1, 300) i;
            INSERT INTO forecast_scores (run_id, step, kind, series_key, target_ts, method, forecast, lower_80,
            upper_80, naive_forecast, naive_scale, status, actual, scored_at)
            SELECT run_id, step, 'published', series_key, timestamptz '2025-01-01' + (run_id % 20 * 10 + step) *
            interval '1 day', 'rnn', 100, 99, 101, 100, 1,
                   'scored', 100 + step, now()
            FROM forecast_runs, generate_series(1, 24) step;
            UPDATE forecast_scores SET status = 'pending', actual = NULL WHERE run_id % 20 = 0 AND step > 12;
            UPDATE forecast_scores SET status = 'missing', actual = NULL WHERE run_id % 20 = 1 AND step = 3;
            INSERT INTO series_accuracy (series_key, scored_through) SELECT series_key, timestamptz '2025-06-01' FROM series;
            INSERT INTO actual_changes SELECT 's7', timestamptz '2025-01-05';
            ANALYZE;
            """);
    }

    private AccuracyScorer Scorer => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    [Theory]
    [InlineData(true, "forecast_scores_pending_idx")]
    [InlineData(false, "forecast_scores_missing_idx")]
    public async Task Both_scoring_passes_read_open_steps_and_actuals_through_indexes(bool watermarkPass, string openStepsIndex)
    {
        await SeedHistoryAsync();

        var plan = await Database.ExplainAsync(watermarkPass ? Scorer.NewDataSql : Scorer.BehindWatermarkSql, NowParameter);

        Assert.DoesNotContain("Seq Scan on forecast_scores", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on prices", plan, StringComparison.Ordinal);
        Assert.Contains(openStepsIndex, plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM forecast_accuracy WHERE series_key = 's42'")]
    [InlineData("SELECT * FROM forecast_accuracy ORDER BY series_key, step")]
    [InlineData("SELECT * FROM forecast_vs_actual WHERE series_key = 's42' AND kind = 'published' AND step = 1 ORDER BY target_ts")]
    [InlineData(AccuracyScorer.SeriesCountsSql)]
    public async Task Dashboard_views_and_gauges_never_scan_all_scores(string sql)
    {
        await SeedHistoryAsync();

        var plan = await Database.ExplainAsync(sql);

        Assert.DoesNotContain("Seq Scan on forecast_scores", plan, StringComparison.Ordinal);
        Assert.Contains("forecast_scores_target_idx", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_views_answer_from_the_seeded_history()
    {
        await SeedHistoryAsync();

        Assert.Equal(
            await Database.ScalarAsync<long>("SELECT count(DISTINCT (series_key, step)) FROM forecast_scores WHERE status <> 'pending'"),
            await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_accuracy"));
        Assert.Equal(
            [20L, 0L, 1.0, 1.0],
            (await Database.RowsAsync("SELECT n, missing, mae, mase FROM forecast_accuracy WHERE series_key = 's42' AND step = 1"))
                .Single());
    }
}
