using Forecaster.Data.Runs;

namespace Forecaster.Data.Tests;

public sealed class RetentionTests : DatabaseTest
{
    private const string Series = "pepper_monthly/black";

    private async Task<long[]> PublishRunsAsync(int count)
    {
        var runs = new List<long>();
        for (var run = 0; run < count; run++)
        {
            var runId = await Publishing.StartAsync(Data, Series, at: Publishing.Start.AddDays(run));
            await new RunStore(Data).PublishRunAsync(Publishing.Publication(runId, Series), CancellationToken.None);
            runs.Add(runId);
        }

        return [.. runs];
    }

    private Task<long[]> RemainingRunsAsync() =>
        Database.ScalarAsync<long[]>("SELECT coalesce(array_agg(run_id ORDER BY run_id), '{}') FROM forecast_runs");

    [Fact]
    public async Task Keeps_the_newest_runs_per_series_with_their_forecasts_and_models()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key) VALUES ('{Series}')");
        var runs = await PublishRunsAsync(5);

        var pruned = await new RetentionPruner(Data).PruneAsync(
            new RetentionPolicy(2),
            Publishing.Start.AddDays(10),
            CancellationToken.None);

        Assert.Equal(3, pruned);
        Assert.Equal(runs[3..], await RemainingRunsAsync());
        Assert.Equal(10L, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
    }

    [Fact]
    public async Task The_latest_succeeded_run_survives_any_age_limit_and_later_failures_and_running_runs_are_kept()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key) VALUES ('{Series}')");
        var published = await PublishRunsAsync(2);
        var failed = await Publishing.StartAsync(Data, Series, at: Publishing.Start.AddDays(3));
        await new RunStore(Data).MarkRunAsync(
            new RunOutcome(failed, Series, "node-a", RunStatus.Failed, Publishing.Start.AddDays(3), "training_diverged"), CancellationToken
                .None);
        var running = await Publishing.StartAsync(Data, Series, at: Publishing.Start.AddDays(4));

        var pruned = await new RetentionPruner(Data).PruneAsync(
            new RetentionPolicy(KeepRunsPerSeries: 10, MaxAge: TimeSpan.FromDays(1)), Publishing.Start.AddDays(400), CancellationToken
                .None);

        Assert.Equal(2, pruned);
        Assert.Equal([published[1], running], await RemainingRunsAsync());
        Assert.Equal(published[1], (await new Results.ForecastReader(Data).ReadLatestAsync(Series, CancellationToken.None))[0].RunId);
    }
}
