using System.Collections.Concurrent;
using Npgsql;

namespace Forecaster.Testing;

/// <summary>
/// Migrated (and seeded) test databases are copies (<c>CREATE DATABASE … TEMPLATE</c>) of a template made once per test
/// process for each set of bundled data files. Migrating and importing for every test took most of a database test's
/// time, and made every mutant of the migration and import code re-run every database test under mutation testing
/// (deploy/scripts/mutation.sh): those mutants are now left to the migration and import tests, which start empty.
/// </summary>
internal static class DatabaseTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<TestDatabase>>> Templates = new(StringComparer.Ordinal);

    public static async Task<TestDatabase> CopyAsync(PostgresServer server, IReadOnlyList<string> dataFiles)
    {
        var template = await Templates.GetOrAdd(
            string.Join('\n', dataFiles),
            _ => new Lazy<Task<TestDatabase>>(() => CreateAsync(server, dataFiles))).Value;
        return await server.CreateDatabaseAsync(template.Name);
    }

    private static async Task<TestDatabase> CreateAsync(PostgresServer server, IReadOnlyList<string> dataFiles)
    {
        var template = await server.CreateDatabaseAsync();
        await template.MigrateAsync();
        await SeededDatabase.ImportAsync(template.ConnectionString, [.. dataFiles]);

        // A database is copied only while nobody is connected to it, and a pool keeps its idle connections open.
        await using (var connection = new NpgsqlConnection(template.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(template);
        return template;
    }

    private static void DropQuietly(TestDatabase template)
    {
        try
        {
            template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The process is exiting: a server already gone (a stopped container) leaves nothing to drop.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
