using Forecaster.Data.Access;
using Xunit;

namespace Forecaster.Testing;

/// <summary>
/// Base of tests that need a database: each test gets its own, migrated (and seeded with the bundled price files
/// named), and dropped afterwards. A test class with more setup overrides <see cref="InitializeAsync"/> and calls it.
/// </summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private readonly OwnedDatabase _owned;

    /// <param name="dataFiles">Bundled price files (deploy/data) imported after migrating; none for an empty schema.</param>
    protected DatabaseTest(params string[] dataFiles) => _owned = new OwnedDatabase(migrate: true, dataFiles);

    /// <param name="migrate">Whether the test starts from a migrated database (migration tests start empty).</param>
    protected DatabaseTest(bool migrate) => _owned = new OwnedDatabase(migrate);

    protected TestDatabase Database => _owned.Database;

    /// <summary>The data layer over the test database, connected as the schema owner.</summary>
    protected ForecasterDatabase Data => _owned.Data;

    public virtual Task InitializeAsync() => _owned.InitializeAsync();

    public virtual Task DisposeAsync() => _owned.DisposeAsync();
}
