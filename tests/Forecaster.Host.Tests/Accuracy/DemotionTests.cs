using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests.Accuracy;

/// <summary>
/// Demotion both ways through real cycles. A zigzag (100, 110, 100, …) is a series the linear base forecasts exactly and
/// naive never gets right, so the champion gate publishes a candidate. Live evidence against it (scored steps of earlier
/// candidate forecasts, planted as the scorer would have written them) demotes it: the next cycle publishes naive with the
/// reason and keeps the gate's forecast as a shadow. Evidence that the shadow beats naive since then reinstates it.
/// </summary>
public sealed class DemotionTests : DatabaseTest
{
    private const string Key = "alt/ZIGZAG";
    private const int Days = 300;
    private static readonly string[] Candidates = ["linear", "rnn"];

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Forecaster:Training:MaxEpochs"] = "60",
        ["Forecaster:Training:Patience"] = "10",
        ["Forecaster:Training:LearningRate"] = "0.01",
        ["Forecaster:Champion:SeasonLength"] = "0",
        ["Forecaster:Retention:KeepRuns"] = "1000",
        ["Forecaster:Accuracy:Demotion:MinimumPoints"] = "5",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync(
            $"INSERT INTO prices SELECT '{Key}', timestamptz '2020-01-01' + d * interval '1 day', CASE WHEN d % 2 = 0 " +
            $"THEN 100 ELSE 110 END FROM generate_series(0, {Days - 1}) d");
    }

    private Task<int> PriceOfDayAsync(int day) =>
        Database.ExecuteAsync(
            $"INSERT INTO prices VALUES ('{Key}', timestamptz '2020-01-01' + {day} * interval '1 day', {(day % 2 == 0 ? 100 : 110)})");

    /// <summary>
    /// One-step network forecasts scored against naive (scale 10) the way the scorer records them: each in a run of its
    /// own finished at <paramref name="finishedAt"/> (recent enough for retention), targets on consecutive days from <paramref
    /// name="firstDay"/>.
    /// </summary>
    private Task<int> PlantCandidateScoresAsync(string method, int count, int firstDay, double networkError, double naiveError,
        string finishedAt) =>
        Database.ExecuteAsync(
            $"""
            WITH planted AS (
                INSERT INTO forecast_runs (series_key, status, instance_id, started_at, finished_at, data_watermark, points_used, champion)
                SELECT '{Key}', 'succeeded', 'planted', {finishedAt}, {finishedAt}, {finishedAt}, 1, '{method}' FROM generate_series(1,
                    {count})
                RETURNING run_id)
            INSERT INTO forecast_scores (run_id, step, kind, series_key, target_ts, method, forecast, naive_forecast, naive_scale, status,
                actual, scored_at)
            SELECT run_id, 1, 'shadow', '{Key}', timestamptz '2020-01-01' + ({firstDay}
                + row_number() OVER (ORDER BY run_id)) * interval '1 day',
                   '{method}', 100 + {networkError}, 100 + {naiveError}, 10, 'scored', 100, now()
            FROM planted
            """);

    private async Task<object?[]> LatestRunAsync() =>
        (await Database.RowsAsync(
            "SELECT r.run_id, r.champion, r.reason_code FROM series s JOIN forecast_runs r ON r.run_id = s.latest_run_id")).Single();

    /// <summary>
    /// A first cycle publishes a candidate; thirty earlier forecasts of it are then planted, each 5 naive scales off
    /// where naive was 0.1 off, and a new point runs the next cycle. Returns the candidate.
    /// </summary>
    private async Task<string> PublishThenPlantEvidenceAgainstItAsync(TestHost host)
    {
        await host.RunCycleAsync();
        var candidate = (string)(await LatestRunAsync())[1]!;
        Assert.Contains(candidate, Candidates);

        await PlantCandidateScoresAsync(candidate, 30, firstDay: 100, networkError: 50, naiveError: 1, "now() - interval '1 day'");
        await PriceOfDayAsync(Days);
        await host.RunCycleAsync();
        return candidate;
    }

    [Fact]
    public async Task A_network_worse_than_naive_live_is_demoted_to_naive_and_reinstated_once_its_shadow_wins_again()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "demotion", Settings);
        var candidate = await PublishThenPlantEvidenceAgainstItAsync(host);

        var demoted = await LatestRunAsync();
        Assert.Equal(["naive", "demoted_live_accuracy"], demoted[1..]);
        var state = (await Database.RowsAsync(
            $"SELECT demoted_since IS NOT NULL, evaluated_points, evaluated_p_value " +
            $"FROM series_accuracy WHERE series_key = '{Key}'")).Single();
        Assert.Equal(true, state[0]);
        Assert.True((double)state[2]! < 0.05, $"p = {state[2]}");
        Assert.Equal(
            [TestHost.Horizon, TestHost.Horizon],
            (await Database.RowsAsync($"SELECT count(*) FILTER (WHERE kind = 'published' AND method = 'naive')::integer, " +
                $"count(*) FILTER (WHERE kind = 'shadow' AND method IN ('linear', 'rnn'))::integer " +
                $"FROM forecast_scores WHERE run_id = {demoted[0]}")).Single());
        Assert.Equal(
            await Database.ScalarAsync<double>($"SELECT price FROM prices WHERE series_key = '{Key}' ORDER BY ts DESC LIMIT 1"),
            await Database.ScalarAsync<double>($"SELECT value FROM forecasts WHERE run_id = {demoted[0]} AND step = 2"));

        // Since the demotion the shadow has been right where naive was a full scale off.
        await PlantCandidateScoresAsync(candidate, 6, firstDay: 200, networkError: 0, naiveError: 10, "now() + interval '1 hour'");
        await PriceOfDayAsync(Days + 1);
        await host.RunCycleAsync();

        var reinstated = await LatestRunAsync();
        Assert.Contains((string)reinstated[1]!, Candidates);
        Assert.Null(reinstated[2]);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM series_accuracy WHERE demoted_since IS NOT NULL"));
        Assert.Equal(0L,
            await Database.ScalarAsync<long>(
                "SELECT count(*) FROM forecast_scores WHERE kind = 'shadow' AND run_id = (SELECT latest_run_id FROM series)"));
    }

    [Fact]
    public async Task With_demotion_turned_off_the_same_evidence_changes_nothing()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Forecaster:Accuracy:Demotion:Enabled"] = "false" };
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "demotion-off", settings);
        await PublishThenPlantEvidenceAgainstItAsync(host);

        var latest = await LatestRunAsync();
        Assert.Contains((string)latest[1]!, Candidates);
        Assert.Null(latest[2]);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM series_accuracy WHERE demoted_since IS NOT NULL"));
    }
}
