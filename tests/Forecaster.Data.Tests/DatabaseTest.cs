using Forecaster.Data.Access;
using Forecaster.Testing;

namespace Forecaster.Data.Tests;

/// <summary>Base of tests that need a database: each test gets its own, migrated, and dropped afterwards.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private readonly OwnedDatabase _owned;

    /// <param name="migrate">Whether the test starts from a migrated database (migration tests start empty).</param>
    protected DatabaseTest(bool migrate = true) => _owned = new OwnedDatabase(migrate);

    protected TestDatabase Database => _owned.Database;

    /// <summary>The data layer over the test database, connected as the schema owner.</summary>
    protected ForecasterDatabase Data => _owned.Data;

    public Task InitializeAsync() => _owned.InitializeAsync();

    public Task DisposeAsync() => _owned.DisposeAsync();
}
