using System.Diagnostics;
using Forecaster.Data.Scheduling;
using Forecaster.Host.Cycle;
using Forecaster.Host.Telemetry;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Forecaster.Host.Tests;

public sealed class CancellationTests() : DatabaseTest("us_index_daily.csv")
{
    private const string Series = "us_index_daily/SP500";

    [Fact]
    public async Task Stopping_mid_training_publishes_nothing_records_the_run_cancelled_and_the_next_cycle_completes_it()
    {
        var stopped = await StopMidTrainingAsync("cancel-me");

        var cancelled = Assert.Single(stopped.Results);
        Assert.Equal((Series, SeriesOutcome.Cancelled), (cancelled.SeriesKey, cancelled.Outcome));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
        Assert.Equal(
            ["cancelled", "cancelled", null],
            (await Database.RowsAsync("SELECT status, reason_code, claimed_by FROM forecast_runs JOIN series USING (series_key)"))
                .Single());

        await using var restarted = await TestHost.StartAsync(Database.ConnectionString, "restarted");
        var next = await restarted.RunCycleAsync();

        Assert.Equal((Series, SeriesOutcome.Trained), (next.Results.Single().SeriesKey, next.Results.Single().Outcome));
        Assert.Equal(TestHost.Horizon, await Database.ScalarAsync<long>("SELECT count(*) FROM latest_forecasts"));
    }

    // A series that was never trained becomes due again anyway (never_trained); one with a current model and no new
    // data would wait for MaxModelAge unless the cancelled run itself leaves it due.
    [Fact]
    public async Task A_trained_series_whose_retraining_is_stopped_is_due_again_at_once_and_the_next_cycle_retrains_it()
    {
        await using (var first = await TestHost.StartAsync(Database.ConnectionString, "first"))
        {
            Assert.Equal(SeriesOutcome.Trained, (await first.RunCycleAsync()).Results.Single().Outcome);
            var scheduler = first.Services.GetRequiredService<SeriesScheduler>();
            Assert.Equal(1, await scheduler.MarkRequestedAsync([Series], TimeProvider.System.GetUtcNow().UtcDateTime, default));
        }

        var stopped = await StopMidTrainingAsync("cancel-retraining");

        Assert.Equal(SeriesOutcome.Cancelled, Assert.Single(stopped.Results).Outcome);
        Assert.True(
            await Database.ScalarAsync<bool>("SELECT next_due_at IS NOT NULL AND next_due_at <= now() AND claimed_by IS NULL FROM series"),
            "the series should be due now and unclaimed after its retraining was cancelled");

        await using var restarted = await TestHost.StartAsync(Database.ConnectionString, "restarted");
        var next = await restarted.RunCycleAsync();

        Assert.Equal((Series, SeriesOutcome.Trained), (next.Results.Single().SeriesKey, next.Results.Single().Outcome));
        Assert.Equal(2, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'"));
    }

    /// <summary>Runs a cycle whose training would take ~forever and stops the host once training has started.</summary>
    private async Task<CycleSummary> StopMidTrainingAsync(string instanceId)
    {
        var trainingStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = TrainingListener(instanceId, trainingStarted);
        var endless = new Dictionary<string, string?>
        {
            ["Forecaster:Series:HistoryPoints"] = "2000",
            ["Forecaster:Training:Window"] = "16",
            ["Forecaster:Training:HiddenSize"] = "16",
            ["Forecaster:Training:MaxEpochs"] = "100000",
            ["Forecaster:Training:Patience"] = "100000",
        };
        await using var host = await TestHost.StartAsync(Database.ConnectionString, instanceId, endless);
        using var stop = new CancellationTokenSource();
        var cycle = host.RunCycleAsync(stop.Token);
        await trainingStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();

        // Promptly: well inside the default 30 s shutdown timeout, although training had ~forever to go.
        return await cycle.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private static ActivityListener TrainingListener(string instanceId, TaskCompletionSource started)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ForecasterTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.OperationName == "forecaster.training" && (string?)activity.GetTagItem("forecaster.instance") == instanceId)
                {
                    started.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
