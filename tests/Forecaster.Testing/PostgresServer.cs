using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Forecaster.Testing;

/// <summary>
/// The one PostgreSQL server of a test run, shared by every test class of the assembly (created on first use).
/// Uses <c>FORECASTER_TEST_PG</c> (a superuser connection string, set by deploy/scripts/with-postgres.sh) when
/// present, otherwise starts a Testcontainers PostgreSQL when Docker is reachable, otherwise fails saying how to run.
/// Tests never share a database: each asks for its own with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer
{
    public const string EnvironmentVariable = "FORECASTER_TEST_PG";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    // Held only so the container lives as long as the test process; Testcontainers' reaper removes it afterwards.
    private readonly PostgreSqlContainer? _container;

    private PostgresServer(string adminConnectionString, PostgreSqlContainer? container)
    {
        AdminConnectionString = adminConnectionString;
        _container = container;
    }

    /// <summary>A superuser connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    public bool IsContainer => _container is not null;

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates a database with a unique name, empty or a copy of <paramref name="template"/>; dispose it to drop it.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string? template = null, CancellationToken cancellationToken = default)
    {
        var name = "forecaster_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var copy = template is null ? "" : $" TEMPLATE \"{template}\"";
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copy}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(this, name, builder.ConnectionString);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured, container: null);
        }

        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        }
        catch (DockerUnavailableException ex)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: {EnvironmentVariable} is not set and Docker is not reachable. " +
                "Run the suite with deploy/scripts/test.sh (or wrap any command in deploy/scripts/with-postgres.sh), " +
                $"or set {EnvironmentVariable} to a superuser connection string.",
                ex);
        }

        await container.StartAsync();
        return new PostgresServer(container.GetConnectionString(), container);
    }
}
