using Forecaster.Data.Access;
using Xunit;

namespace Forecaster.Testing;

/// <summary>
/// Base of tests that need a database: each test gets its own, dropped afterwards — migrated and seeded with the bundled
/// price files named (a copy of a template, see <see cref="DatabaseTemplates"/>), or empty when not migrated. A test class
/// with more setup overrides <see cref="InitializeAsync"/> and calls it. The data layer is made on first use, so under
/// mutation testing its code counts as covered only by the tests that use it.
/// </summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private readonly bool _migrate;
    private readonly string[] _dataFiles;
    private TestDatabase? _database;
    private Lazy<ForecasterDatabase>? _data;

    /// <param name="dataFiles">Bundled price files (deploy/data) imported after migrating; none for an empty schema.</param>
    protected DatabaseTest(params string[] dataFiles) => (_migrate, _dataFiles) = (true, dataFiles);

    /// <param name="migrate">Whether the test starts from a migrated database (migration tests start empty).</param>
    protected DatabaseTest(bool migrate) => (_migrate, _dataFiles) = (migrate, []);

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The data layer over the test database, connected as the schema owner.</summary>
    protected ForecasterDatabase Data => (_data ?? throw new InvalidOperationException("Not initialised.")).Value;

    public virtual async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = _migrate ? await DatabaseTemplates.CopyAsync(server, _dataFiles) : await server.CreateDatabaseAsync();
        var connectionString = _database.ConnectionString;
        _data = new Lazy<ForecasterDatabase>(() => ForecasterDatabase.Create(connectionString));
    }

    public virtual async Task DisposeAsync()
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
