using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// PostgreSQL restarting in the middle of the service's start-up cycle: the service reconnects, finishes, counts the
/// retries in its metrics, and nothing is half-written.
/// </summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private PrivateCluster _cluster = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _cluster = await PrivateCluster.StartAsync();
        _connectionString = await _cluster.CreateSeededDatabaseAsync("dj_stocks_daily.csv");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_restart_mid_cycle_is_retried_through_and_every_series_ends_published_once_or_recorded()
    {
        var seriesCount = await ScalarAsync("SELECT count(*) FROM series");
        // Full-length training (about a second per series) keeps the cycle busy well past the restart, so the
        // restart lands mid-cycle rather than after a tiny cycle already finished.
        var slowCycle = new Dictionary<string, string>
        {
            ["Forecaster:Workers:DegreeOfParallelism"] = "1",
            ["Forecaster:Training:Window"] = "32",
            ["Forecaster:Training:HiddenSize"] = "32",
            ["Forecaster:Training:MaxEpochs"] = "60",
            ["Forecaster:Training:Patience"] = "60",
            ["Forecaster:Telemetry:PrometheusEndpoint"] = FreePort.LoopbackPrefix(),
        };
        // The service (only "run" serves metrics), catching up at start; the cron stays out of the way.
        slowCycle["Forecaster:Schedule:Cron"] = "0 0 0 1 1 ? 2099";
        using (var service = ServiceProcess.Start("run", _connectionString, "through-restart", slowCycle))
        {
            using var scraper = new HttpClient { BaseAddress = new Uri(slowCycle["Forecaster:Telemetry:PrometheusEndpoint"]) };
            await Eventually.WaitUntilAsync(
                async () => await ScalarAsync(
                    "SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'") > 0, Patience, "a first published series");
            // The server stays down until the service has met the outage: a restart quicker than the series being
            // trained would fall between two database calls, and nothing would have been retried. Operators see the
            // restart in the metrics too, not only in the log: the retries are counted while the cycle goes on.
            await _cluster.StopServerAsync();
            try
            {
                await Eventually.WaitUntilAsync(
                    async () => await RetriesAsync(scraper) > 0,
                    Patience,
                    "forecaster_db_retries_total to count the outage");
            }
            finally
            {
                await _cluster.StartServerAsync();
            }
            await Eventually.WaitUntilAsync(
                async () => await ScalarAsync(
                    "SELECT count(DISTINCT series_key) FROM forecast_runs r WHERE status <> 'running' AND NOT EXISTS " +
                    "(SELECT FROM forecast_runs WHERE status = 'running')")
                    == seriesCount,
                Patience,
                "the start-up cycle to end every series' run");
            service.Terminate();
            var exitCode = await service.WaitForExitAsync(Patience);

            Assert.True(exitCode == 0, service.Output);
            Assert.Contains("Transient database failure", service.Output, StringComparison.Ordinal);
        }

        await AssertNothingHalfWrittenAsync();
        var (secondExit, secondOutput) = await ServiceProcess.RunAsync("train", _connectionString, "after-restart");

        Assert.True(secondExit == 0, secondOutput);
        await AssertNothingHalfWrittenAsync();
        Assert.Equal(seriesCount, await ScalarAsync("SELECT count(DISTINCT series_key) FROM forecast_runs WHERE status = 'succeeded'"));
        Assert.Equal(seriesCount, await ScalarAsync("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'"));
    }

    /// <summary>Sum of the retry counter over its error types; 0 while the service has not counted any.</summary>
    private static async Task<double> RetriesAsync(HttpClient scraper)
    {
        var exposition = await scraper.GetStringAsync(new Uri("metrics", UriKind.Relative));
        return exposition.Split('\n')
            .Where(line => line.StartsWith("forecaster_db_retries_total{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task AssertNothingHalfWrittenAsync()
    {
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM forecast_runs WHERE status = 'running'"));
        Assert.Equal(
            0,
            await ScalarAsync("SELECT count(*) FROM forecasts f JOIN forecast_runs r USING (run_id) WHERE r.status <> 'succeeded'"));
        Assert.Equal(
            0,
            await ScalarAsync("SELECT count(*) FROM models m JOIN forecast_runs r USING (run_id) WHERE r.status <> 'succeeded'"));
        Assert.Equal(
            0,
            await ScalarAsync(
                $"SELECT count(*) FROM forecast_runs r WHERE status = 'succeeded' AND (SELECT count(*) FROM forecasts f " +
                $"WHERE f.run_id = r.run_id) <> {ServiceProcess.Horizon}"));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        // The test restarts the server under its own pool too: its checks must not pick up a connection the
        // restart killed, or they would fail for the test's reasons rather than the service's.
        var observer = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(observer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
