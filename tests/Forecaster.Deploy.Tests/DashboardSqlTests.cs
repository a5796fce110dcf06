using Forecaster.Deploy.Tests.Support;
using Npgsql;

namespace Forecaster.Deploy.Tests;

/// <summary>The dashboard's SQL, run against the results of a real service cycle, as Grafana's login would run it.</summary>
[Collection(SharedServiceRun.Name)]
public sealed class DashboardSqlTests(ServiceRun service)
{
    // Wide enough for the bundled historical prices (from 2000) and for the runs the service just made.
    private static readonly DateTimeOffset From = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = TimeProvider.System.GetUtcNow().AddDays(1);

    [Fact]
    public async Task Every_PostgreSQL_query_returns_rows_for_a_login_that_only_has_the_dashboard_role()
    {
        await SeedFailedRunAsync();
        var login = await DashboardLoginAsync();
        var dashboard = GrafanaDashboard.Load();
        var variables = new Dictionary<string, string> { ["series"] = ServiceRun.SeriesKey };
        var queries = dashboard.PostgresQueries
            .Concat(dashboard.Variables.Select(variable => ((string)variable["name"]!, "variable", (string)variable["query"]!)))
            .ToList();

        await using var connection = new NpgsqlConnection(login);
        await connection.OpenAsync();
        foreach (var (panel, refId, sql) in queries)
        {
            await using var command = new NpgsqlCommand(GrafanaSql.Expand(sql, From, To, variables), connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"{panel}/{refId} returned no rows");
        }
    }

    [Fact]
    public async Task Latest_forecast_panel_returns_each_step_inside_its_80_and_95_percent_intervals()
    {
        var login = await DashboardLoginAsync();
        var (_, _, sql) = GrafanaDashboard.Load().PostgresQueries
            .First(query => query.Panel.StartsWith("Latest forecast", StringComparison.Ordinal));

        await using var connection = new NpgsqlConnection(login);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            GrafanaSql.Expand(sql, From, To, new Dictionary<string, string> { ["series"] = ServiceRun.SeriesKey }), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var steps = 0;
        while (await reader.ReadAsync())
        {
            steps++;
            var (forecast, lower80, upper80, lower95, upper95) =
                (reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
            Assert.InRange(forecast, lower80, upper80);
            Assert.InRange(lower80, lower95, forecast);
            Assert.InRange(upper80, forecast, upper95);
        }

        Assert.Equal(3, steps);
    }

    /// <summary>
    /// The service's own run had no failure, so the failure panels get one the way the service records it.
    /// Idempotent per test database, since several tests of this collection may ask for it.
    /// </summary>
    private Task<int> SeedFailedRunAsync() => service.Database.ExecuteAsync(
        $"""
        INSERT INTO forecast_runs (series_key, status, reason_code, error_text, instance_id, started_at, finished_at)
        SELECT '{ServiceRun.SeriesKey}', 'failed', 'constant_series', 'every value in the window is equal', 'deploy-tests', now(), now()
        WHERE NOT EXISTS (SELECT 1 FROM forecast_runs WHERE status = 'failed')
        """);

    /// <summary>The grants the compose stack applies after migrating, then a login with nothing but the dashboard role.</summary>
    private async Task<string> DashboardLoginAsync()
    {
        await service.Database.ExecuteAsync(Repository.Read("deploy/grafana/dashboard-grants.sql"));
        return await service.Database.CreateDashboardLoginAsync();
    }
}
