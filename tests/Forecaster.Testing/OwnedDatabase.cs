using Forecaster.Data.Access;
using Xunit;

namespace Forecaster.Testing;

/// <summary>
/// A database of its own with the data layer over it, dropped on dispose: migrated and seeded with the bundled price files
/// named (a copy of a template, see <see cref="DatabaseTemplates"/>), or empty when not migrated. The data layer is made
/// on first use, so under mutation testing its code counts as covered only by the tests that use it.
/// </summary>
public sealed class OwnedDatabase(bool migrate, params string[] dataFiles) : IAsyncLifetime
{
    private TestDatabase? _database;
    private Lazy<ForecasterDatabase>? _data;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The data layer over the database, connected as the schema owner.</summary>
    public ForecasterDatabase Data => (_data ?? throw new InvalidOperationException("Not initialised.")).Value;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = migrate ? await DatabaseTemplates.CopyAsync(server, dataFiles) : await server.CreateDatabaseAsync();
        var connectionString = _database.ConnectionString;
        _data = new Lazy<ForecasterDatabase>(() => ForecasterDatabase.Create(connectionString));
    }

    public async Task DisposeAsync()
    {
        if (_data is { IsValueCreated: true })
        {
            await _data.Value.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
