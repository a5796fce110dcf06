using Forecaster.Data.Access;
using Forecaster.Data.Import;
using Forecaster.Testing;

namespace Forecaster.Host.Tests.Support;

/// <summary>A fresh migrated database per test, seeded with bundled real price files.</summary>
internal static class MigratedDatabase
{
    public static async Task<TestDatabase> CreateAsync(params string[] dataFiles)
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await database.MigrateAsync();
        await using var handle = ForecasterDatabase.Create(database.ConnectionString);
        var importer = new PriceImporter(handle);
        foreach (var file in dataFiles)
        {
            var report = await importer.ImportFileAsync(RepositoryData.File(file).FullName, columns: null, CancellationToken.None);
            Assert.Equal(0, report.RejectedCount);
        }

        return database;
    }
}
