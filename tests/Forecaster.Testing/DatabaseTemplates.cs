using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Forecaster.Data.Migrations;
using Npgsql;

namespace Forecaster.Testing;

/// <summary>
/// Migrated (and seeded) test databases are copies (<c>CREATE DATABASE … TEMPLATE</c>) of a template kept on the test
/// server for each build of the data layer and set of bundled data files. Migrating and importing for every test took
/// most of a database test's time, and mutation testing (deploy/scripts/mutation.sh) starts a test process per mutant,
/// so a template made per process was made again for every mutant: the test processes of a run now share one, made by
/// whichever asks first. Mutants of the migration and import code are left to the migration and import tests, which
/// start empty.
/// </summary>
internal static class DatabaseTemplates
{
    private const string Prefix = "forecaster_template_";

    // One server-wide key (advisory locks are per database, and every process takes it in the maintenance database).
    private const long CreationLock = 0x466f_7265_6361_7374;

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Names = new(StringComparer.Ordinal);

    public static async Task<TestDatabase> CopyAsync(PostgresServer server, IReadOnlyList<string> dataFiles)
    {
        var key = string.Join('\n', dataFiles);
        try
        {
            return await server.CreateDatabaseAsync(await TemplateAsync(server, key, dataFiles));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // A test run of another build on the same server replaced the template: make this build's again.
            Names.TryRemove(key, out _);
            return await server.CreateDatabaseAsync(await TemplateAsync(server, key, dataFiles));
        }
    }

    private static Task<string> TemplateAsync(PostgresServer server, string key, IReadOnlyList<string> dataFiles) =>
        Names.GetOrAdd(key, _ => new Lazy<Task<string>>(() => EnsureAsync(server, dataFiles))).Value;

    private static async Task<string> EnsureAsync(PostgresServer server, IReadOnlyList<string> dataFiles)
    {
        var build = BuildHash();
        var name = Prefix + build + "_" + Hash(dataFiles.SelectMany(file => FileIdentity(file)));
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"SELECT pg_advisory_lock({CreationLock})");
        try
        {
            if (!await ExistsAsync(admin, name))
            {
                await DropOtherBuildsAsync(admin, Prefix + build);
                await CreateAsync(server, admin, name, dataFiles);
            }
        }
        finally
        {
            await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({CreationLock})");
        }

        return name;
    }

    // Made under a draft name and renamed when complete, so a process killed mid-way leaves no half-made template.
    private static async Task CreateAsync(PostgresServer server, NpgsqlConnection admin, string name, IReadOnlyList<string> dataFiles)
    {
        var draft = await server.CreateDatabaseAsync();
        try
        {
            await draft.MigrateAsync();
            await SeededDatabase.ImportAsync(draft.ConnectionString, [.. dataFiles]);

            // A database is renamed and copied only while nobody is connected to it, and a pool keeps idle connections open.
            await using (var connection = new NpgsqlConnection(draft.ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteAsync(admin, $"ALTER DATABASE \"{draft.Name}\" RENAME TO \"{name}\"");
        }
        catch
        {
            await draft.DisposeAsync();
            throw;
        }
    }

    // Templates of earlier builds would otherwise pile up on a developer's own server (FORECASTER_TEST_PG).
    private static async Task DropOtherBuildsAsync(NpgsqlConnection admin, string current)
    {
        var stale = new List<string>();
        await using (var query = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND NOT starts_with(datname, $2)", admin))
        {
            query.Parameters.AddWithValue(Prefix);
            query.Parameters.AddWithValue(current);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stale.Add(reader.GetString(0));
            }
        }

        foreach (var database in stale)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\"");
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection admin, string name)
    {
        await using var query = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", admin);
        query.Parameters.AddWithValue(name);
        return (bool)(await query.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection admin, string sql)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    // The code that migrates and imports: a deterministic build's module id changes exactly when that code does.
    private static string BuildHash() => Hash(
        [.. typeof(DatabaseMigrator).Assembly.ManifestModule.ModuleVersionId.ToByteArray(),
         .. typeof(DatabaseTemplates).Assembly.ManifestModule.ModuleVersionId.ToByteArray()]);

    private static byte[] FileIdentity(string file) =>
        [.. Encoding.UTF8.GetBytes(file + "\n"), .. SHA256.HashData(File.ReadAllBytes(SeededDatabase.DataFile(file).FullName))];

    private static string Hash(IEnumerable<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData([.. bytes]))[..12];
}
