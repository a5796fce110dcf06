using Forecaster.Data.Accuracy;
using Forecaster.Data.Runs;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests.Accuracy;

/// <summary>
/// One published run (forecasts 101…105 for 2 … 6 March, 80 % bands ±1, 95 % bands ±2, origin 100, naive scale 2)
/// scored as actuals arrive in the default source, with every expected number worked out by hand.
/// </summary>
public sealed class AccuracyScoringTests : DatabaseTest
{
    private const string Key = "acc/X";
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private AccuracyScorer Scorer => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    internal static string Day(int day) => $"2026-03-{day:D2}T00:00:00Z";

    private Task<int> PriceAsync(int day, double price) =>
        Database.ExecuteAsync($"INSERT INTO prices VALUES ('{Key}', '{Day(day)}', " +
            $"{price.ToString(System.Globalization.CultureInfo.InvariantCulture)}) ON CONFLICT (series_key, ts) DO " +
            $"UPDATE SET price = EXCLUDED.price");

    private async Task<long> PublishAsync(IReadOnlyList<ForecastPoint>? shadow = null)
    {
        await PriceAsync(1, 100);
        var run = await Publishing.StartAsync(Data, Key);
        await new RunStore(Data).PublishRunAsync(
            Publishing.Publication(run, Key) with { OriginValue = 100, NaiveScale = 2, ShadowForecasts = shadow,
                ShadowMethod = shadow is null ? null : "rnn" },
            CancellationToken.None);
        return run;
    }

    private Task<List<object?[]>> ScoresAsync(string kind = "published") => Database.RowsAsync(
        $"""
        SELECT step, status, actual, abs_error, scaled_error, naive_abs_error, naive_scaled_error, covered_80, covered_95
        FROM forecast_scores WHERE kind = '{kind}' ORDER BY step
        """);

    [Fact]
    public async Task Arrived_actuals_are_scored_with_errors_scaled_errors_naive_errors_and_coverage_equal_to_a_hand_computation()
    {
        await PublishAsync();
        await PriceAsync(2, 101.5);
        await PriceAsync(3, 104);
        await PriceAsync(4, 99);

        var pass = await Scorer.ScoreAsync(Now, CancellationToken.None);

        // Forecasts 101, 102, 103 against 101.5, 104, 99: errors 0.5, 2, 4; naive (100) errors 1.5, 4, 1; scale 2.
        Assert.Equal(1, pass.SeriesChecked);
        Assert.Equal(3, pass.Count("scored"));
        Assert.Equal(
            [
                [1, "scored", 101.5, 0.5, 0.25, 1.5, 0.75, true, true],
                [2, "scored", 104.0, 2.0, 1.0, 4.0, 2.0, false, true],
                [3, "scored", 99.0, 4.0, 2.0, 1.0, 0.5, false, false],
                [4, "pending", null, null, null, null, null, null, null],
                [5, "pending", null, null, null, null, null, null, null],
            ],
            await ScoresAsync());
        Assert.Equal(1, pass.SeriesScored);
        Assert.Equal(1, pass.Changed.Count(point => point.Covered80 == true));
        Assert.Equal(2, pass.Changed.Count(point => point.Covered95 == true));
        Assert.Equal(
            [Key, 2, 1L, 0L, 2.0, 1.0, 2.0, 0.5, 0m, 1m, DateTime.Parse(
                Day(3),
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal)],
            (await Database.RowsAsync(
                "SELECT series_key, step, n, missing, mae, mase, naive_mase, relative_mase, coverage_80, coverage_95, " +
                "last_scored_ts FROM forecast_accuracy WHERE step = 2"))
            .Single());
    }

    [Fact]
    public async Task A_second_pass_without_new_data_changes_nothing_and_looks_at_no_series()
    {
        await PublishAsync();
        await PriceAsync(2, 101.5);
        await Scorer.ScoreAsync(Now, CancellationToken.None);

        var again = await Scorer.ScoreAsync(Now.AddHours(1), CancellationToken.None);

        Assert.True(again.Ran);
        Assert.Empty(again.Changed);
        Assert.Equal(0, again.SeriesChecked);
        Assert.Equal(Now, await Database.ScalarAsync<DateTime>("SELECT scored_at FROM forecast_scores WHERE step = 1"));
    }

    [Fact]
    public async Task A_target_the_source_moved_past_is_missing_not_an_error_and_a_late_point_scores_it()
    {
        await PublishAsync();
        await PriceAsync(2, 101.5);
        await PriceAsync(4, 99);

        var first = await Scorer.ScoreAsync(Now, CancellationToken.None);

        Assert.Equal(2, first.Count("scored"));
        Assert.Equal(1, first.Count("missing"));
        Assert.Equal([2, "missing", null, null, null, null, null, null, null], (await ScoresAsync())[1]);
        Assert.Equal([2L, 1L], (await Database.RowsAsync("SELECT sum(n)::bigint, sum(missing)::bigint FROM forecast_accuracy")).Single());

        await PriceAsync(3, 104);
        var late = await Scorer.ScoreAsync(Now.AddHours(1), CancellationToken.None);

        var scored = Assert.Single(late.Changed);
        Assert.Equal((2, "scored", false), (scored.Step, scored.Status, scored.Revised));
        Assert.Equal([2, "scored", 104.0, 2.0, 1.0, 4.0, 2.0, false, true], (await ScoresAsync())[1]);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM actual_changes"));
    }

    [Fact]
    public async Task A_revised_actual_rescores_the_step()
    {
        await PublishAsync();
        await PriceAsync(2, 101.5);
        await PriceAsync(3, 104);
        await Scorer.ScoreAsync(Now, CancellationToken.None);

        await PriceAsync(2, 103.5);
        var pass = await Scorer.ScoreAsync(Now.AddHours(1), CancellationToken.None);

        var revised = Assert.Single(pass.Changed);
        Assert.Equal((1, "scored", true), (revised.Step, revised.Status, revised.Revised));
        Assert.Equal([1, "scored", 103.5, 2.5, 1.25, 3.5, 1.75, false, false], (await ScoresAsync())[0]);
    }

    [Fact]
    public async Task A_retired_series_is_not_scored()
    {
        await PublishAsync();
        await Database.ExecuteAsync($"UPDATE series SET active = false WHERE series_key = '{Key}'");
        await PriceAsync(2, 101.5);

        var pass = await Scorer.ScoreAsync(Now, CancellationToken.None);

        Assert.Empty(pass.Changed);
        Assert.Equal(0, pass.SeriesScored);
        Assert.Equal(5L, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_scores WHERE status = 'pending'"));
    }

    [Fact]
    public async Task The_network_s_shadow_forecast_is_scored_beside_the_published_baseline()
    {
        var shadow = Publishing.Forecasts(5, 98);
        await PublishAsync(shadow);
        await PriceAsync(2, 101.5);

        var pass = await Scorer.ScoreAsync(Now, CancellationToken.None);

        // Shadow forecast 99 with 80 % band [98, 100] against 101.5: error 2.5, outside both bands.
        Assert.Equal(["published", "shadow"], pass.Changed.Select(point => point.Kind).Order());
        Assert.Equal(1, pass.Count("scored"));
        Assert.Equal([1, "scored", 101.5, 2.5, 1.25, 1.5, 0.75, false, false], (await ScoresAsync("shadow"))[0]);
        Assert.Equal("rnn", await Database.ScalarAsync<string>("SELECT method FROM forecast_scores WHERE kind = 'shadow' AND step = 1"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_accuracy"));
    }

    [Fact]
    public async Task Pruning_a_run_removes_its_scores_with_its_forecasts()
    {
        var first = await PublishAsync();
        var second = await Publishing.StartAsync(Data, Key, at: Publishing.Start.AddDays(1));
        await new RunStore(Data).PublishRunAsync(Publishing.Publication(second, Key), CancellationToken.None);

        await new RetentionPruner(Data).PruneAsync(new RetentionPolicy(1), Now, CancellationToken.None);

        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM forecast_scores WHERE run_id = {first}"));
        Assert.Equal(5L, await Database.ScalarAsync<long>($"SELECT count(*) FROM forecast_scores WHERE run_id = {second}"));
    }

    [Fact]
    public async Task The_publish_records_origin_value_naive_scale_and_the_pending_steps()
    {
        var run = await PublishAsync();

        Assert.Equal(
            [100.0, 2.0],
            (await Database.RowsAsync($"SELECT origin_value, naive_scale FROM forecast_runs WHERE run_id = {run}")).Single());
        Assert.Equal(
            [[1, "published", 101.0, 100.0, 2.0, "pending"]],
            await Database.RowsAsync(
                "SELECT step, kind, forecast, naive_forecast, naive_scale, status FROM forecast_scores WHERE step = 1"));
    }
}
