using Forecaster.Data.Access;
using Xunit;

namespace Forecaster.Testing;

/// <summary>
/// A database of its own with the data layer over it, dropped on dispose: migrated and seeded with the bundled price files
/// named (a copy of a template, see <see cref="DatabaseTemplates"/>), or empty when not migrated.
/// </summary>
public class OwnedDatabase(bool migrate, params string[] dataFiles) : IAsyncLifetime
{
    private TestDatabase? _database;
    private ForecasterDatabase? _data;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The data layer over the database, connected as the schema owner.</summary>
    public ForecasterDatabase Data => _data ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = migrate ? await DatabaseTemplates.CopyAsync(server, dataFiles) : await server.CreateDatabaseAsync();
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

/// <summary>
/// One migrated database shared by the tests of a class (xUnit class fixture), for tests whose data cannot
/// interfere with each other; creating a database per case costs seconds on a loaded machine.
/// </summary>
public sealed class SharedDatabase() : OwnedDatabase(migrate: true);
