using Forecaster.Deploy.Tests.Support;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// The compose stack's database init script, run with psql the way the postgres image runs it, before the
/// migrations: the logins it creates must end up with exactly their group role's rights.
/// </summary>
public sealed class PostgresInitTests : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private TestDatabase? _database;

    private string ServiceUser => "deploy_app_" + _suffix;

    private string DashboardUser => "deploy_grafana_" + _suffix;

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        var admin = (await PostgresServer.GetAsync()).AdminConnectionString;
        await _database.DisposeAsync();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{ServiceUser}\", \"{DashboardUser}\"", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Init_script_logins_get_the_service_and_dashboard_rights_once_migrated()
    {
        var admin = new NpgsqlConnectionStringBuilder(_database!.ConnectionString);
        var init = await ExternalTool.RunAsync(
            "bash",
            "bash",
            [Repository.PathOf("deploy/docker/postgres-init/10-forecaster-logins.sh")],
            environment: new Dictionary<string, string>
            {
                ["PGHOST"] = admin.Host!,
                ["PGPORT"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGPASSWORD"] = admin.Password!,
                ["POSTGRES_USER"] = admin.Username!,
                ["POSTGRES_DB"] = _database.Name,
                ["FORECASTER_SERVICE_USER"] = ServiceUser,
                ["FORECASTER_SERVICE_PASSWORD"] = "service-" + _suffix,
                ["FORECASTER_DASHBOARD_USER"] = DashboardUser,
                ["FORECASTER_DASHBOARD_PASSWORD"] = "dashboard's-" + _suffix,
            });
        Assert.True(init.ExitCode == 0, init.ToString());

        await _database.MigrateAsync();
        await _database.ExecuteAsync(Repository.Read("deploy/grafana/dashboard-grants.sql"));

        var service = As(ServiceUser, "service-" + _suffix);
        var dashboard = As(DashboardUser, "dashboard's-" + _suffix);
        await ExecuteAsync(service, "INSERT INTO prices VALUES ('init/X', '2024-01-01T00:00:00Z', 1)");
        await ExecuteAsync(dashboard, "SELECT count(*) FROM prices, latest_forecasts, forecast_runs, series");
        await AssertDeniedAsync(dashboard, "INSERT INTO prices VALUES ('init/Y', '2024-01-01T00:00:00Z', 1)");
        await AssertDeniedAsync(dashboard, "SELECT count(*) FROM models");
        await AssertDeniedAsync(service, "CREATE TABLE service_may_not_create (id int)");
    }

    private string As(string user, string password) =>
        new NpgsqlConnectionStringBuilder(_database!.ConnectionString) { Username = user, Password = password }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AssertDeniedAsync(string connectionString, string sql)
    {
        var denied = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connectionString, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }
}
