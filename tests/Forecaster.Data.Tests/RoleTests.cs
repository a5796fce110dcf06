using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Data.Tests;

public sealed class RoleTests() : DatabaseTest(migrate: true)
{
    private static async Task<string?> TryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException ex)
        {
            return ex.SqlState;
        }
    }

    private Task<int> SeedAsync() =>
        Database.ExecuteAsync(
            """
            INSERT INTO prices VALUES ('k', '2026-01-01Z', 1) ON CONFLICT DO NOTHING;
            INSERT INTO forecast_runs (series_key, instance_id, started_at) SELECT 'k', 'n', now() WHERE NOT EXISTS
            (SELECT FROM forecast_runs);
            """);

    [Theory]
    [InlineData("SELECT * FROM forecasts")]
    [InlineData("SELECT * FROM forecast_runs")]
    [InlineData("SELECT * FROM latest_forecasts")]
    [InlineData("SELECT * FROM series")]
    [InlineData("SELECT * FROM forecast_accuracy")]
    [InlineData("SELECT * FROM forecast_vs_actual")]
    public async Task The_dashboard_role_reads_results(string sql)
    {
        await SeedAsync();
        var dashboard = await Database.CreateDashboardLoginAsync();

        Assert.Null(await TryAsync(dashboard, sql));
    }

    [Theory]
    [InlineData("INSERT INTO series (series_key) VALUES ('x')")]
    [InlineData("UPDATE series SET active = false")]
    [InlineData("DELETE FROM forecast_runs")]
    [InlineData("INSERT INTO forecasts (run_id, step, series_key, target_ts, value) SELECT run_id, 1, 'k', now(), 1 FROM forecast_runs")]
    [InlineData("UPDATE forecasts SET value = 0")]
    [InlineData("INSERT INTO prices VALUES ('k', now(), 2)")]
    [InlineData("SELECT * FROM prices")]
    [InlineData("SELECT * FROM models")]
    [InlineData("SELECT * FROM qrtz_triggers")]
    [InlineData("CREATE TABLE dashboard_notes (x int)")]
    [InlineData("SELECT * FROM forecast_scores")]
    [InlineData("SELECT * FROM series_accuracy")]
    [InlineData("SELECT * FROM actual_changes")]
    [InlineData("UPDATE series_accuracy SET demoted_since = now()")]
    [InlineData("DELETE FROM forecast_scores")]
    public async Task The_dashboard_role_may_do_nothing_else(string sql)
    {
        await SeedAsync();
        var dashboard = await Database.CreateDashboardLoginAsync();

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await TryAsync(dashboard, sql));
    }

    [Theory]
    [InlineData("INSERT INTO prices VALUES ('k2', clock_timestamp(), 2)")]
    [InlineData("UPDATE series SET active = false")]
    [InlineData("INSERT INTO forecast_runs (series_key, instance_id, started_at) VALUES ('k', 'svc', now())")]
    [InlineData("DELETE FROM forecast_runs")]
    [InlineData("INSERT INTO qrtz_locks VALUES ('s', 'TRIGGER_ACCESS')")]
    [InlineData("CREATE TEMP TABLE staging (x int)")]
    public async Task The_service_role_manipulates_data(string sql)
    {
        await SeedAsync();
        var service = await Database.CreateServiceLoginAsync();

        Assert.Null(await TryAsync(service, sql));
    }

    [Theory]
    [InlineData("CREATE TABLE intruder (x int)", "42501")]
    [InlineData("ALTER TABLE prices ADD COLUMN note text", "42501")]
    [InlineData("DROP TABLE forecasts", "42501")]
    [InlineData("TRUNCATE prices", "42501")]
    [InlineData("CREATE INDEX ON prices (price)", "42501")]
    [InlineData("CREATE SCHEMA intruder", "42501")]
    public async Task The_service_role_has_no_ddl(string sql, string sqlState)
    {
        await SeedAsync();
        var service = await Database.CreateServiceLoginAsync();

        Assert.Equal(sqlState, await TryAsync(service, sql));
    }
}
