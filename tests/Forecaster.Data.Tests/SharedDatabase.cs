using Forecaster.Data.Access;
using Forecaster.Testing;

namespace Forecaster.Data.Tests;

/// <summary>
/// One migrated database shared by the tests of a class (xUnit class fixture), for tests whose data cannot
/// interfere with each other; creating a database per case costs seconds on a loaded machine.
/// </summary>
public sealed class SharedDatabase : IAsyncLifetime
{
    private TestDatabase? _database;
    private ForecasterDatabase? _data;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public ForecasterDatabase Data => _data ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = await server.CreateDatabaseAsync();
        await _database.MigrateAsync();
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
