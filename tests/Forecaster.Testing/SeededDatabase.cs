using Forecaster.Data.Access;
using Forecaster.Data.Import;
using Xunit;

namespace Forecaster.Testing;

/// <summary>
/// A fresh migrated database on the shared test server, seeded with bundled real price files (deploy/data, which
/// test projects copy next to their binary as <c>data/</c>).
/// </summary>
public static class SeededDatabase
{
    public static FileInfo DataFile(string name) => new(Path.Combine(AppContext.BaseDirectory, "data", name));

    public static async Task<TestDatabase> CreateAsync(params string[] dataFiles) =>
        await DatabaseTemplates.CopyAsync(await PostgresServer.GetAsync(), dataFiles);

    public static async Task ImportAsync(string connectionString, params string[] dataFiles)
    {
        if (dataFiles.Length == 0)
        {
            return;
        }

        await using var handle = ForecasterDatabase.Create(connectionString);
        var importer = new PriceImporter(handle);
        foreach (var file in dataFiles)
        {
            var report = await importer.ImportFileAsync(DataFile(file).FullName, columns: null, CancellationToken.None);
            Assert.Equal(0, report.RejectedCount);
        }
    }
}
