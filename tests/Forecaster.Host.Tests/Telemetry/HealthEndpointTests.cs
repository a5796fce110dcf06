using System.Net;
using System.Text.Json;
using Forecaster.Data.Access;
using Forecaster.Data.Migrations;
using Forecaster.Host.Configuration;
using Forecaster.Host.Health;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Tests.Telemetry;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task A_migrated_database_is_live_and_ready()
    {
        await using var database = await SeededDatabase.CreateAsync();

        var (liveStatus, _) = await GetAsync(database.ConnectionString, HealthServer.LivePath);
        var (readyStatus, detail) = await GetAsync(database.ConnectionString, HealthServer.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Contains($"V{MigrationLevel.Expected}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unmigrated_database_is_live_but_not_ready_for_its_migration_level()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

        var (liveStatus, _) = await GetAsync(database.ConnectionString, HealthServer.LivePath);
        var (readyStatus, detail) = await GetAsync(database.ConnectionString, HealthServer.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal($"migration level: database not migrated, expected V{MigrationLevel.Expected}", detail);
    }

    [Fact]
    public async Task A_database_behind_the_builds_migrations_is_not_ready()
    {
        await using var database = await SeededDatabase.CreateAsync();
        var latest = MigrationLevel.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await database.ExecuteAsync($"DELETE FROM changelog WHERE type = 0 AND version = '{latest}'");
        var previous = await database.ScalarAsync<string>("SELECT version FROM changelog WHERE type = 0 ORDER BY id DESC LIMIT 1");

        var (status, detail) = await GetAsync(database.ConnectionString, HealthServer.ReadyPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal($"migration level: database at V{previous}, expected V{MigrationLevel.Expected}", detail);
    }

    [Fact]
    public async Task An_unreachable_database_is_not_ready()
    {
        // A port nothing listens on: the OS just handed it out and it was released at once.
        var port = new Uri(FreePort.LoopbackPrefix()).Port;

        var (status, detail) = await GetAsync($"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=3", HealthServer.ReadyPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("database unreachable", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_other_than_the_probes_is_not_found()
    {
        await using var database = await SeededDatabase.CreateAsync();

        var (status, _) = await GetAsync(database.ConnectionString, "metrics");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    /// <summary>Serves the probes from a real listener over <paramref name="connectionString"/> and asks once.</summary>
    private static async Task<(HttpStatusCode Status, string Detail)> GetAsync(string connectionString, string path)
    {
        var prefix = FreePort.LoopbackPrefix();
        await using var database = ForecasterDatabase.Create(connectionString);
        using var server = new HealthServer(
            new ReadinessProbe(new MigrationLevel(database)), Options.Create(new TelemetryOptions { HealthEndpoint = prefix }), NullLogger<HealthServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri(new Uri(prefix), path));
            var body = await response.Content.ReadAsStringAsync();
            var detail = body.Length == 0 ? "" : JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() ?? "";
            return (response.StatusCode, detail);
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }
}
