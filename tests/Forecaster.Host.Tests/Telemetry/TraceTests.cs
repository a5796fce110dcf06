using System.Collections.Concurrent;
using System.Diagnostics;
using Forecaster.Host.Cycle;
using Forecaster.Host.Telemetry;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Tests.Telemetry;

/// <summary>What an operator sees for one series in a trace backend, and how its log lines find that trace.</summary>
public sealed class TraceTests() : DatabaseTest("msft_daily_short.csv")
{
    private const string Instance = "traced";
    private const string SeriesKey = "msft_daily_short/MSFT";
    private const int SeriesTrainedEventId = 20;

    [Fact]
    public async Task A_series_span_holds_read_training_and_publish_spans_in_order_with_the_database_calls_inside()
    {
        using var spans = new SpanCapture();
        await using var host = await TestHost.StartAsync(Database.ConnectionString, Instance);

        var result = Assert.Single((await host.RunCycleAsync()).Results);

        Assert.Equal(SeriesOutcome.Trained, result.Outcome);
        var series = spans.Single("forecaster.series");
        var read = spans.Single("forecaster.read");
        var training = spans.Single("forecaster.training");
        var publish = spans.Single("forecaster.publish");
        Assert.All([read, training, publish], child =>
        {
            Assert.Equal(series.TraceId, child.TraceId);
            Assert.Equal(series.SpanId, child.ParentSpanId);
            Assert.Equal(SeriesKey, child.GetTagItem("forecaster.series"));
        });
        Assert.True(read.StartTimeUtc + read.Duration <= training.StartTimeUtc, "reading ends before training starts");
        Assert.True(training.StartTimeUtc + training.Duration <= publish.StartTimeUtc, "training ends before publishing starts");
        Assert.True((int)read.GetTagItem("forecaster.points")! > 100);
        Assert.Equal(result.RunId, publish.GetTagItem("forecaster.run_id"));
        Assert.Equal("Trained", series.GetTagItem("forecaster.outcome"));

        // Npgsql's own spans nest under ours, so a slow query shows up inside the step that made it.
        Assert.Contains(spans.Npgsql, command => command.ParentSpanId == read.SpanId);
        Assert.Contains(spans.Npgsql, command => command.ParentSpanId == publish.SpanId);
    }

    [Fact]
    public async Task Log_lines_of_a_series_carry_the_trace_and_span_of_its_series_span()
    {
        using var spans = new SpanCapture();
        using var logs = new LogCapture();
        await using var host = await TestHost.StartAsync(
            Database.ConnectionString, Instance, configure: builder => builder.Services.AddSingleton<ILoggerProvider>(logs));

        await host.RunCycleAsync();

        var series = spans.Single("forecaster.series");
        var trained = Assert.Single(logs.Records, record => record.EventId == SeriesTrainedEventId);
        Assert.Contains(SeriesKey, trained.Message, StringComparison.Ordinal);
        Assert.Equal(series.TraceId.ToHexString(), trained.TraceId);
        Assert.Equal(series.SpanId.ToHexString(), trained.SpanId);
    }

    /// <summary>Spans of this test's instance only: other tests run hosts in the same process at the same time.</summary>
    private sealed class SpanCapture : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _ours = new();
        private readonly ConcurrentQueue<Activity> _npgsql = new();
        private readonly ActivityListener _listener;

        public SpanCapture()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is ForecasterTelemetry.Name or "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == "Npgsql")
                    {
                        _npgsql.Enqueue(activity);
                    }
                    else if ((string?)activity.GetTagItem("forecaster.instance") == Instance)
                    {
                        _ours.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IEnumerable<Activity> Npgsql => _npgsql;

        public Activity Single(string operationName) => Assert.Single(_ours, activity => activity.OperationName == operationName);

        public void Dispose() => _listener.Dispose();
    }
}
