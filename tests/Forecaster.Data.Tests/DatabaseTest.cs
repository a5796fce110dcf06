using Forecaster.Data.Access;
using Forecaster.Testing;

namespace Forecaster.Data.Tests;

/// <summary>Base of tests that need a database: each test gets its own, migrated, and dropped afterwards.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private TestDatabase? _database;
    private ForecasterDatabase? _data;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The data layer over the test database, connected as the schema owner.</summary>
    protected ForecasterDatabase Data => _data ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Whether the test starts from a migrated database (migration tests start empty).</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = await server.CreateDatabaseAsync();
        if (Migrate)
        {
            await _database.MigrateAsync();
        }

        _data = ForecasterDatabase.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_data is not null)
        {
            await _data.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
