using Forecaster.Data.Migrations;
using Npgsql;

namespace Forecaster.Testing;

/// <summary>
/// A database owned by one test (or test class): created empty, optionally migrated, dropped on dispose
/// together with the login roles made for it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly List<string> _logins = [];
    private readonly Lock _loginsLock = new();

    internal TestDatabase(PostgresServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Superuser connection to this database: schema owner, allowed everything.</summary>
    public string ConnectionString { get; }

    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default) =>
        DatabaseMigrator.MigrateAsync(ConnectionString, cancellationToken);

    /// <summary>A login that is a member of the read-only <c>forecaster_dashboard</c> role (needs a migrated database).</summary>
    public Task<string> CreateDashboardLoginAsync(CancellationToken cancellationToken = default) =>
        CreateLoginAsync("forecaster_dashboard", cancellationToken);

    /// <summary>A login that is a member of the DML-only <c>forecaster_service</c> role (needs a migrated database).</summary>
    public Task<string> CreateServiceLoginAsync(CancellationToken cancellationToken = default) =>
        CreateLoginAsync("forecaster_service", cancellationToken);

    /// <summary>Creates a login role granted <paramref name="groupRole"/> and returns a connection string for it.</summary>
    public async Task<string> CreateLoginAsync(string groupRole, CancellationToken cancellationToken = default)
    {
        var login = $"{Name}_{groupRole.Replace("forecaster_", "", StringComparison.Ordinal)}_{Guid.NewGuid().ToString("N")[..6]}";
        var password = Guid.NewGuid().ToString("N");
        lock (_loginsLock)
        {
            _logins.Add(login);
        }

        await ExecuteAsync(
            $"CREATE ROLE \"{login}\" LOGIN PASSWORD '{password}' IN ROLE \"{groupRole}\"", cancellationToken);

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = login, Password = password };
        return builder.ConnectionString;
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs SQL as the superuser in this database.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a scalar query as the superuser in this database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Every row of a query as objects (DBNull as null), for assertions on what the service wrote.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The plan PostgreSQL chooses for <paramref name="sql"/>, one line per node. Parameters (@name) are bound
    /// from <paramref name="parameters"/> so the plan is the one a real call gets.
    /// </summary>
    public async Task<string> ExplainAsync(
        string sql,
        IReadOnlyDictionary<string, object>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
        {
            command.Parameters.AddWithValue(name, value);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server.AdminConnectionString);
        await connection.OpenAsync();
        // FORCE: a test that failed mid-way may still hold connections; the database must go regardless.
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        foreach (var login in _logins)
        {
            await using var dropRole = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{login}\"", connection);
            await dropRole.ExecuteNonQueryAsync();
        }
    }
}
