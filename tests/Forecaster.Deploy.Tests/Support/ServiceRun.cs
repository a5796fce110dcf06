using System.Diagnostics.Metrics;
using System.Globalization;
using Forecaster.Data.Access;
using Forecaster.Data.Import;
using Forecaster.Host.Hosting;
using Forecaster.Host.Scheduling;
using Forecaster.Host.Telemetry;
using Forecaster.Testing;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Deploy.Tests.Support;

/// <summary>
/// The real service, as <c>forecaster run</c> composes it, over a migrated test database holding bundled price
/// files: it runs its start-up cycle, then its Prometheus endpoint is scraped once and a real Prometheus
/// scrapes it with the shipped rules. Shared by the tests that check the dashboard's SQL against real results,
/// the PromQL against real metric names, and what Prometheus itself makes of the service.
/// </summary>
public sealed class ServiceRun : IAsyncLifetime
{
    public const string SeriesKey = "msft_daily_short/MSFT";
    private static readonly string[] DataFiles = ["msft_daily_short.csv", "wheat_annual.csv"];
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromSeconds(90);

    // The script gives itself 50 s to see a scrape and a rule evaluation; the rest is Prometheus starting up.
    /// <summary>
    /// The check's own deadline, and the test's beyond it: generous, because Prometheus starting and scraping twice on
    /// a machine shared by the whole suite took longer than the script's one-minute default.
    /// </summary>
    private static readonly TimeSpan PrometheusCheckTimeout = TimeSpan.FromSeconds(150);

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The Prometheus text the service exposed after its first cycle.</summary>
    public string Exposition { get; private set; } = "";

    /// <summary><c>deploy/scripts/prometheus-check.sh</c> run against the service after its first cycle.</summary>
    internal ToolResult PrometheusCheck { get; private set; } = new(-1, "", "not run");

    /// <summary>
    /// From the end of the first cycle to the end of the Prometheus check: the most its queries can see as the time
    /// since that cycle.
    /// </summary>
    internal TimeSpan SinceFirstCycle { get; private set; }

    /// <summary>The container image's <c>deploy/docker/healthcheck.sh</c> run against the service after its first cycle.</summary>
    internal ToolResult HealthCheck { get; private set; } = new(-1, "", "not run");

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = await server.CreateDatabaseAsync();
        await _database.MigrateAsync();
        await using (var data = ForecasterDatabase.Create(_database.ConnectionString))
        {
            var importer = new PriceImporter(data);
            foreach (var file in DataFiles)
            {
                await importer.ImportFileAsync(
                    Repository.PathOf(Path.Combine("deploy", "data", file)),
                    columns: null,
                    CancellationToken.None);
            }
        }

        // A replay step: the newest points wait until a first service run has published, then the service runs again
        // and its start-up cycle scores them before training, so live accuracy has real scores and metrics.
        await using (var data = ForecasterDatabase.Create(_database.ConnectionString))
        {
            var replay = new ReplayHoldBack(data);
            await replay.HoldBackAsync(SmallTraining.Horizon, CancellationToken.None);
            await RunServiceAsync(_database.ConnectionString, prometheusPort: null, (_, _) => Task.FromResult(true));
            await replay.FeedAsync(CancellationToken.None);
        }

        (Exposition, PrometheusCheck, HealthCheck, SinceFirstCycle) =
            await RunServiceAsync(_database.ConnectionString, FreePort.Loopback(), ScrapeAsync);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts the service as <c>forecaster run</c> composes it, waits for its start-up cycle, runs <paramref name="whileUp"/>
    /// (given the Prometheus port, if any) and stops it.
    /// </summary>
    /// <param name="whileUp">Given the Prometheus port and the timestamp at which the first cycle ended.</param>
    private static async Task<T> RunServiceAsync<T>(
        string connectionString, int? prometheusPort, Func<int?, long, Task<T>> whileUp)
    {
        using var cycles = new CycleListener();
        // As command-line overrides, like "forecaster run" gets them: the telemetry endpoint is read while the
        // builder is created, so a configuration source added afterwards would not move it.
        var settings = SmallTraining.Settings("deploy-tests");
        settings["ConnectionStrings:Forecaster"] = connectionString;
        if (prometheusPort is { } port)
        {
            settings["Forecaster:Telemetry:PrometheusEndpoint"] = Endpoint(port);
        }

        // Only the start-up cycle: a cron firing during the checks would make their counts depend on the clock.
        settings["Forecaster:Schedule:Cron"] = "0 0 0 1 1 ? 2099";
        var builder = ForecasterHost.CreateBuilder(settings.Select(setting => $"--{setting.Key}={setting.Value}"));
        builder.AddScheduledService();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            // The start-up (catch-up) cycle records its duration last, after every series was published.
            await cycles.FirstCycle.WaitAsync(CycleTimeout);
            return await whileUp(prometheusPort, TimeProvider.System.GetTimestamp());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string Endpoint(int port) => $"http://0.0.0.0:{port}/";

    private static async Task<(string Exposition, ToolResult PrometheusCheck, ToolResult HealthCheck, TimeSpan SinceFirstCycle)>
        ScrapeAsync(int? prometheusPort, long firstCycleEnded)
    {
        var port = prometheusPort ?? throw new ArgumentNullException(nameof(prometheusPort));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        // The data-lag gauges report nothing until the monitor's first reading, which runs beside the cycle.
        var exposition = await Eventually.WaitForObjectAsync(
            async () =>
            {
                var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
                return text.Contains("\nforecaster_data_relative_lag{", StringComparison.Ordinal) ? text : null;
            },
            CycleTimeout,
            "the data-lag gauges' first reading");
        var check = await ExternalTool.RunAsync(
            "bash", "bash", [Repository.PathOf(
                Path.Combine("deploy", "scripts", "prometheus-check.sh")), $"127.0.0.1:{port}"],
            environment: new Dictionary<string, string>
            {
                ["PROMETHEUS_CHECK_TIMEOUT"] = ((int)PrometheusCheckTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            },
            timeout: PrometheusCheckTimeout + TimeSpan.FromSeconds(30));
        var sinceFirstCycle = TimeProvider.System.GetElapsedTime(firstCycleEnded);
        var health = await ExternalTool.RunAsync(
            "bash",
            "bash",
            [Repository.PathOf(Path.Combine("deploy", "docker", "healthcheck.sh"))],
            environment: new Dictionary<string, string> { ["Forecaster__Telemetry__PrometheusEndpoint"] = Endpoint(port) });
        return (exposition, check, health, sinceFirstCycle);
    }

    /// <summary>Completes when the service's meter records the first cycle duration.</summary>
    private sealed class CycleListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource _firstCycle = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CycleListener()
        {
            _listener.InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == ForecasterTelemetry.Name && instrument.Name == "forecaster.cycle.duration")
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => _firstCycle.TrySetResult());
            _listener.Start();
        }

        public Task FirstCycle => _firstCycle.Task;

        public void Dispose() => _listener.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServiceRun : ICollectionFixture<ServiceRun>
{
    public const string Name = "service run";
}
