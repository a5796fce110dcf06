using System.Diagnostics;
using Forecaster.Host.Cycle;
using Forecaster.Host.Telemetry;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

public sealed class CancellationTests : IAsyncLifetime
{
    private const string Series = "us_index_daily/SP500";

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SeededDatabase.CreateAsync("us_index_daily.csv");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Stopping_mid_training_publishes_nothing_records_the_run_cancelled_and_the_next_cycle_completes_it()
    {
        var trainingStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = TrainingListener("cancel-me", trainingStarted);
        var endless = new Dictionary<string, string?>
        {
            ["Forecaster:Series:HistoryPoints"] = "2000",
            ["Forecaster:Training:Window"] = "16",
            ["Forecaster:Training:HiddenSize"] = "16",
            ["Forecaster:Training:MaxEpochs"] = "100000",
            ["Forecaster:Training:Patience"] = "100000",
        };
        CycleSummary stopped;
        await using (var host = await TestHost.StartAsync(_database.ConnectionString, "cancel-me", endless))
        {
            using var stop = new CancellationTokenSource();
            var cycle = host.RunCycleAsync(stop.Token);
            await trainingStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await stop.CancelAsync();

            // Promptly: well inside the default 30 s shutdown timeout, although training had ~forever to go.
            stopped = await cycle.WaitAsync(TimeSpan.FromSeconds(15));
        }

        var cancelled = Assert.Single(stopped.Results);
        Assert.Equal((Series, SeriesOutcome.Cancelled), (cancelled.SeriesKey, cancelled.Outcome));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT count(*) FROM models"));
        Assert.Equal(
            ["cancelled", "cancelled", null],
            (await _database.RowsAsync("SELECT status, reason_code, claimed_by FROM forecast_runs JOIN series USING (series_key)"))
                .Single());

        await using var restarted = await TestHost.StartAsync(_database.ConnectionString, "restarted");
        var next = await restarted.RunCycleAsync();

        Assert.Equal((Series, SeriesOutcome.Trained), (next.Results.Single().SeriesKey, next.Results.Single().Outcome));
        Assert.Equal(TestHost.Horizon, await _database.ScalarAsync<long>("SELECT count(*) FROM latest_forecasts"));
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
