using Forecaster.Data.Runs;

namespace Forecaster.Data.Tests;

public sealed class RunMarkingTests() : DatabaseTest(migrate: true)
{
    private const string Series = "metals/silver";
    private static readonly DateTime Finished = Publishing.Start.AddSeconds(2);
    private static readonly DateTime Watermark = new(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc);

    private Task<int> ClaimAsync(string instance, int attemptedVersion = 0) => Database.ExecuteAsync(
        "INSERT INTO series (series_key, next_due_at, claimed_by, lease_expires_at, attempted_version) VALUES " +
        $"('{Series}', now(), '{instance}', now() + interval '5 min', {attemptedVersion})");

    private Task<string> SeriesStateAsync() => Database.ScalarAsync<string>(
        "SELECT concat_ws('|', unfit_at AT TIME ZONE 'UTC', unfit_watermark AT TIME ZONE 'UTC', unfit_reason, unfit_detail, " +
        $"attempted_version, claimed_by) FROM series WHERE series_key = '{Series}'");

    private static RunOutcome Unfit(long runId, RunStatus status, long inputsVersion, DateTime? watermark) =>
        new(runId, Series, "node-a", status, Finished, "too_short", "needs 60 points, has 12",
            Unfit: new UnfitInputs(inputsVersion, watermark));

    [Fact]
    public async Task An_unfit_skip_records_the_verdict_on_the_series_and_leaves_no_run_row()
    {
        await ClaimAsync("node-a");
        var runId = await Publishing.StartAsync(Data, Series);

        var ended = await new RunStore(Data).MarkRunAsync(Unfit(runId, RunStatus.Skipped, 7, Watermark), CancellationToken.None);

        Assert.True(ended);
        Assert.Null(await new RunStore(Data).GetRunAsync(runId, CancellationToken.None));
        Assert.Equal("2026-03-02 06:00:02|2026-02-27 00:00:00|too_short|needs 60 points, has 12|7", await SeriesStateAsync());
    }

    [Fact]
    public async Task An_unfit_failure_keeps_its_run_and_never_lowers_the_attempted_version()
    {
        await ClaimAsync("node-a", attemptedVersion: 9);
        var runId = await Publishing.StartAsync(Data, Series);

        await new RunStore(Data).MarkRunAsync(Unfit(runId, RunStatus.Failed, 7, watermark: null), CancellationToken.None);

        var run = await new RunStore(Data).GetRunAsync(runId, CancellationToken.None);
        Assert.Equal(
            (RunStatus.Failed, (DateTime?)Finished, "too_short", "needs 60 points, has 12"),
            (run!.Status, run.FinishedAt, run.ReasonCode, run.ErrorText));
        Assert.Equal("2026-03-02 06:00:02|too_short|needs 60 points, has 12|9", await SeriesStateAsync());
    }

    [Fact]
    public async Task A_verdict_from_an_instance_that_lost_the_claim_is_not_recorded_on_the_series()
    {
        await ClaimAsync("node-b");
        var runId = await Publishing.StartAsync(Data, Series);

        await new RunStore(Data).MarkRunAsync(Unfit(runId, RunStatus.Skipped, 7, Watermark), CancellationToken.None);

        Assert.Equal("0|node-b", await SeriesStateAsync());
    }

    [Theory]
    [InlineData(RunStatus.Running)]
    [InlineData(RunStatus.Succeeded)]
    public async Task A_run_is_not_marked_running_or_succeeded(RunStatus status)
    {
        var outcome = new RunOutcome(1, Series, "node-a", status, Finished);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => new RunStore(Data).MarkRunAsync(outcome, CancellationToken.None));

        Assert.Equal("outcome", refused.ParamName);
    }

    [Fact]
    public async Task A_running_run_reads_back_without_an_ending_and_a_published_one_with_its_watermark_and_parameters()
    {
        await ClaimAsync("node-a");
        var store = new RunStore(Data);
        var runId = await Publishing.StartAsync(Data, Series);

        var running = await store.GetRunAsync(runId, CancellationToken.None);
        await store.PublishRunAsync(Publishing.Publication(runId, Series), CancellationToken.None);
        var published = await store.GetRunAsync(runId, CancellationToken.None);

        Assert.Equal(
            (RunStatus.Running, Series, "node-a", Publishing.Start,
                (DateTime?)null, (string?)null, (string?)null, (DateTime?)null, (int?)null),
            (running!.Status, running.SeriesKey, running.InstanceId, running.StartedAt, running.FinishedAt, running.ReasonCode,
                running.ErrorText, running.DataWatermark, running.ModelVersion));
        Assert.Equal(
            ((DateTime?)Publishing.Start.AddMinutes(1), (DateTime?)new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), (int?)1),
            (published!.FinishedAt, published.DataWatermark, published.ModelVersion));
        Assert.Equal(
            16, await Database.ScalarAsync<int>($"SELECT (hyper_parameters->>'hidden')::int FROM forecast_runs WHERE run_id = {runId}"));
    }
}
