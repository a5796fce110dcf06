using Forecaster.Data.Results;
using Forecaster.Data.Runs;

namespace Forecaster.Data.Tests;

public sealed class PublishTests : DatabaseTest
{
    private const string Series = "eu_stock_daily/DAX";

    private async Task<IReadOnlyList<PublishedForecast>> LatestAsync() =>
        await new ForecastReader(Data).ReadLatestAsync(Series, CancellationToken.None);

    private async Task PublishOnceAsync(double level)
    {
        var runId = await Publishing.StartAsync(Data, Series);
        await new RunStore(Data).PublishRunAsync(Publishing.Publication(runId, Series, level: level), CancellationToken.None);
    }

    [Fact]
    public async Task A_publish_makes_run_forecasts_model_and_series_state_visible_together()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key, next_due_at, claimed_by, lease_expires_at) VALUES " +
            $"('{Series}', now(), 'node-a', now() + interval '5 min')");
        var runId = await Publishing.StartAsync(Data, Series);

        var version = await new RunStore(Data).PublishRunAsync(Publishing.Publication(runId, Series), CancellationToken.None);

        var latest = await LatestAsync();
        Assert.Equal([1, 2, 3, 4, 5], latest.Select(row => row.Step));
        Assert.All(latest, row => Assert.Equal(runId, row.RunId));
        Assert.Equal(
            (101.0, 100.0, 102.0, 99.0, 103.0),
            (latest[0].Value, latest[0].Lower80, latest[0].Upper80, latest[0].Lower95, latest[0].Upper95));
        var run = await new RunStore(Data).GetRunAsync(runId, CancellationToken.None);
        Assert.Equal((RunStatus.Succeeded, (int?)1), (run!.Status, run.ModelVersion));
        var model = await new ModelStore(Data).GetLatestAsync(Series, CancellationToken.None);
        Assert.Equal((1, runId), (model!.Version, model.RunId));
        Assert.Equal(new byte[] { 1, 2, 3, (byte)runId }, model.Blob);
        Assert.Equal(1, version);
        var series = await Database.ScalarAsync<string>(
            $"SELECT concat_ws('|', latest_run_id, last_watermark AT TIME ZONE 'UTC', next_due_at, claimed_by, " +
            $"lease_expires_at) FROM series WHERE series_key = '{Series}'");
        Assert.Equal($"{runId}|2026-03-01 00:00:00", series);
    }

    [Fact]
    public async Task Only_the_newest_succeeded_run_is_latest_and_model_versions_increase()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key) VALUES ('{Series}')");
        await PublishOnceAsync(level: 100);
        await PublishOnceAsync(level: 200);

        var latest = await LatestAsync();

        Assert.Equal(201.0, latest[0].Value);
        Assert.Equal(2, latest[0].ModelVersion);
        Assert.Equal(2, (await new ModelStore(Data).GetLatestAsync(Series, CancellationToken.None))!.Version);
        Assert.Equal(10L, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
    }

    [Fact]
    public async Task A_publish_failing_midway_leaves_the_previous_forecast_and_marks_the_run_failed()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key) VALUES ('{Series}')");
        await PublishOnceAsync(level: 100);
        var runId = await Publishing.StartAsync(Data, Series);
        var forecasts = Publishing.Forecasts(5, 200).ToList();
        forecasts[3] = forecasts[3] with { Lower80 = forecasts[3].Value + 50 }; // violates lower_80 <= value

        var failure = await Assert.ThrowsAsync<Npgsql.PostgresException>(
            () => new RunStore(Data).PublishRunAsync(Publishing.Publication(runId, Series, forecasts: forecasts), CancellationToken.None));

        Assert.Equal("23514", failure.SqlState);
        Assert.Equal(101.0, (await LatestAsync())[0].Value);
        var run = await new RunStore(Data).GetRunAsync(runId, CancellationToken.None);
        Assert.Equal((RunStatus.Failed, "publish_failed", (int?)null), (run!.Status, run.ReasonCode, run.ModelVersion));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM forecasts WHERE run_id = {runId}"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
    }

    [Fact]
    public async Task After_a_failed_publish_the_callers_backoff_still_applies_without_rewriting_the_run()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key, next_due_at, claimed_by, lease_expires_at) VALUES " +
            $"('{Series}', now(), 'node-a', now() + interval '5 min')");
        var runId = await Publishing.StartAsync(Data, Series);
        var forecasts = Publishing.Forecasts(5, 200).ToList();
        forecasts[0] = forecasts[0] with { Upper95 = forecasts[0].Value - 1 };
        var store = new RunStore(Data);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(
            () => store.PublishRunAsync(Publishing.Publication(runId, Series, forecasts: forecasts), CancellationToken.None));
        var backoff = Publishing.Start.AddMinutes(30);

        var marked = await store.MarkRunAsync(
            new RunOutcome(
                runId,
                Series,
                "node-a",
                RunStatus.Failed,
                Publishing.Start.AddMinutes(2),
                "training_failed",
                NextDueAt: backoff),
            CancellationToken.None);

        Assert.False(marked);
        Assert.Equal("publish_failed", (await store.GetRunAsync(runId, CancellationToken.None))!.ReasonCode);
        Assert.Equal(backoff, await Database.ScalarAsync<DateTime>("SELECT next_due_at FROM series"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM series WHERE claimed_by IS NOT NULL"));
    }

    [Fact]
    public async Task A_publish_cancelled_during_the_copy_leaves_the_previous_forecast_and_marks_the_run_cancelled()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key) VALUES ('{Series}')");
        await PublishOnceAsync(level: 100);
        var runId = await Publishing.StartAsync(Data, Series);
        using var cancellation = new CancellationTokenSource();
        var forecasts = new CancellingList(Publishing.Forecasts(500, 200), cancelAtIndex: 250, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new RunStore(Data).PublishRunAsync(Publishing.Publication(runId, Series, forecasts: forecasts), cancellation.Token));

        Assert.Equal(101.0, (await LatestAsync())[0].Value);
        var run = await new RunStore(Data).GetRunAsync(runId, CancellationToken.None);
        Assert.Equal((RunStatus.Cancelled, "publish_cancelled"), (run!.Status, run.ReasonCode));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM forecasts WHERE run_id = {runId}"));
    }

    [Fact]
    public async Task An_instance_whose_claim_was_taken_over_cannot_publish()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key, claimed_by, lease_expires_at) VALUES ('{Series}', 'node-b', now())");
        var runId = await Publishing.StartAsync(Data, Series, instance: "node-a");

        await Assert.ThrowsAsync<LeaseLostException>(
            () => new RunStore(Data).PublishRunAsync(Publishing.Publication(runId, Series, instance: "node-a"), CancellationToken.None));

        Assert.Empty(await LatestAsync());
        Assert.Equal("lease_lost", (await new RunStore(Data).GetRunAsync(runId, CancellationToken.None))!.ReasonCode);
        Assert.Equal("node-b", await Database.ScalarAsync<string>("SELECT claimed_by FROM series"));
    }

    [Fact]
    public async Task Marking_a_run_skipped_records_the_reason_releases_the_claim_and_sets_the_next_due_time()
    {
        await Database.ExecuteAsync($"INSERT INTO series (series_key, next_due_at, claimed_by, lease_expires_at) VALUES " +
            $"('{Series}', now(), 'node-a', now() + interval '5 min')");
        var runId = await Publishing.StartAsync(Data, Series);
        var retryAt = Publishing.Start.AddHours(1);
        var store = new RunStore(Data);

        var marked = await store.MarkRunAsync(
            new RunOutcome(
                runId,
                Series,
                "node-a",
                RunStatus.Skipped,
                Publishing.Start.AddSeconds(2),
                "insufficient_data",
                NextDueAt: retryAt),
            CancellationToken.None);
        var nextDueAfterSkip = await Database.ScalarAsync<DateTime>("SELECT next_due_at FROM series");
        var markedTwice = await store.MarkRunAsync(
            new RunOutcome(runId, Series, "node-a", RunStatus.Failed, Publishing.Start.AddSeconds(3), NextDueAt: retryAt.AddHours(1)),
            CancellationToken.None);

        Assert.Equal((true, false), (marked, markedTwice));
        var run = await store.GetRunAsync(runId, CancellationToken.None);
        Assert.Equal((RunStatus.Skipped, "insufficient_data"), (run!.Status, run.ReasonCode));
        Assert.Equal(retryAt, nextDueAfterSkip);
        Assert.Equal(retryAt.AddHours(1), await Database.ScalarAsync<DateTime>("SELECT next_due_at FROM series"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM series WHERE claimed_by IS NOT NULL"));
    }

    /// <summary>Cancels the publish from inside the COPY loop, at a fixed row, so the cut is deterministic.</summary>
    private sealed class CancellingList(IReadOnlyList<ForecastPoint> items, int cancelAtIndex, CancellationTokenSource cancellation)
        : IReadOnlyList<ForecastPoint>
    {
        public int Count => items.Count;

        public ForecastPoint this[int index] => items[index];

        public IEnumerator<ForecastPoint> GetEnumerator()
        {
            for (var index = 0; index < items.Count; index++)
            {
                if (index == cancelAtIndex)
                {
                    cancellation.Cancel();
                }

                yield return items[index];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
