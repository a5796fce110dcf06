using System.Net;
using System.Text.Json;
using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// Boot order: the service may start before PostgreSQL (a reboot, a container started first). It waits, logs and
/// answers its probes meanwhile, then becomes ready and publishes in the same process. Only a configuration error
/// ends it, with exit code 78 (EX_CONFIG), which the unit does not restart.
/// </summary>
public sealed class StartupTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private PrivateCluster _cluster = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _cluster = await PrivateCluster.StartAsync();
        _connectionString = new NpgsqlConnectionStringBuilder(await _cluster.CreateSeededDatabaseAsync("msft_daily_short.csv")) {
            Timeout = 3 }.ConnectionString;
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_service_started_before_postgresql_waits_then_becomes_ready_and_publishes_in_the_same_process()
    {
        await _cluster.StopServerAsync();
        var endpoint = FreePort.LoopbackPrefix();
        using var service = ServiceProcess.Start("run", _connectionString, "boot-order", new Dictionary<string, string>
        {
            ["Forecaster:Telemetry:PrometheusEndpoint"] = endpoint,
            ["Forecaster:Database:MigrateOnStart"] = "true",
        });
        using var http = new HttpClient { BaseAddress = new Uri(endpoint) };

        // Down: alive, not ready, saying why, and retrying (a second attempt logged) rather than exiting.
        var (status, detail) = await Eventually.WaitForAsync<(HttpStatusCode, string)>(
            async () => await ProbeAsync(http, "healthz/ready") is { } probe
                && probe.Detail.StartsWith("database: ", StringComparison.Ordinal) ? probe : null,
            Patience,
            "healthz/ready to answer while the database is down");
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(
                service.HasExited || service.Output.Contains("Waiting for the database (attempt 2 failed", StringComparison.Ordinal)),
            Patience,
            "a second attempt");
        Assert.False(service.HasExited, service.Output);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("database: database unreachable: Failed to connect to 127.0.0.1:", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(http, "healthz/live"))!.Value.Status);

        await _cluster.StartServerAsync();

        await Eventually.WaitUntilAsync(
            async () => await ProbeAsync(http, "healthz/ready") is { Status: HttpStatusCode.OK },
            Patience,
            "healthz/ready to answer 200 once PostgreSQL is up");
        await Eventually.WaitUntilAsync(
            async () => await ScalarAsync("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'") == 1,
            Patience,
            "the first cycle to publish");
        Assert.Equal(ServiceProcess.Horizon, await ScalarAsync("SELECT count(*) FROM latest_forecasts"));
        Assert.False(service.HasExited, service.Output);
        Assert.Contains("Database available after", service.Output, StringComparison.Ordinal);

        service.Terminate();
        Assert.Equal(0, await service.WaitForExitAsync(Patience));
    }

    [Theory]
    [InlineData("wrong password", "password authentication failed")]
    [InlineData("no such database", "does not exist")]
    public async Task A_configuration_error_ends_the_service_with_exit_78_instead_of_waiting(string mistake, string reason)
    {
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString);
        if (mistake == "wrong password")
        {
            wrong.Password += "x";
        }
        else
        {
            wrong.Database = "forecastr";
        }

        using var service = ServiceProcess.Start("run", wrong.ConnectionString, "misconfigured", new Dictionary<string, string>
        {
            ["Forecaster:Telemetry:PrometheusEndpoint"] = FreePort.LoopbackPrefix(),
        });
        var exitCode = await service.WaitForExitAsync(Patience);

        Assert.True(exitCode == 78, service.Output);
        Assert.Contains("Cannot start: database ", service.Output, StringComparison.Ordinal);
        Assert.Contains(reason, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting for the database", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_shot_verb_does_not_wait_it_exits_69_when_postgresql_is_down()
    {
        await _cluster.StopServerAsync();
        try
        {
            var (exitCode, output) = await ServiceProcess.RunAsync("train", _connectionString, "one-shot");

            Assert.True(exitCode == 69, output);
            Assert.StartsWith(
                "Cannot reach the database (ConnectionStrings:Forecaster): database ",
                output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1],
                StringComparison.Ordinal);
        }
        finally
        {
            await _cluster.StartServerAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string Detail)?> ProbeAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? "";
            return (response.StatusCode, detail);
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return null;
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
