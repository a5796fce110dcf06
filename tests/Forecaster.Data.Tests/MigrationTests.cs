using Forecaster.Data.Migrations;
using Forecaster.Testing;

namespace Forecaster.Data.Tests;

public sealed class MigrationTests() : DatabaseTest(migrate: false)
{
    /// <summary>The repository's migration files in version order (copied next to the tests by the project file).</summary>
    private static readonly string[] AllMigrations = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "migrations"), "V*__*.sql")
        .Select(path => Path.GetFileName(path))
        .OrderBy(VersionOf)
        .ToArray();

    [Fact]
    public async Task Empty_database_gets_every_migration_once_and_a_second_run_changes_nothing()
    {
        var first = await Database.MigrateAsync();
        var second = await Database.MigrateAsync();

        Assert.Equal(AllMigrations, first.Applied);
        Assert.Equal(["V1__core_schema.sql", "V2__quartz_job_store.sql", "V3__roles.sql"], first.Applied.Take(3));
        Assert.True(second.WasUpToDate);
        Assert.Equal(AllMigrations.Length, await Database.ScalarAsync<long>("SELECT count(*) FROM changelog WHERE type = 0 AND success"));
        Assert.Equal(15L, await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'qrtz\\_%'"));
        Assert.Equal("v", await Database.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE relname = 'latest_forecasts'"));
    }

    [Fact]
    public async Task The_applied_level_is_unknown_before_the_first_migration_and_the_builds_highest_file_after()
    {
        var level = new MigrationLevel(Data);

        var before = await level.ReadAsync(CancellationToken.None);
        await Database.MigrateAsync();
        var after = await level.ReadAsync(CancellationToken.None);
        await Database.ExecuteAsync("DELETE FROM changelog WHERE type = 0 AND version = '7'");
        var olderMissing = await level.ReadAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.Equal(VersionOf(AllMigrations[^1]).Major, MigrationLevel.Expected);
        Assert.Equal(
            AllMigrations.Select(name => name[1..name.IndexOf("__", StringComparison.Ordinal)].Replace('_', '.')), MigrationLevel.Embedded);
        Assert.Equal(MigrationLevel.Expected, after!.Level);
        Assert.Empty(after.Missing);
        Assert.Equal(MigrationLevel.Expected, olderMissing!.Level);
        Assert.Equal(["7"], olderMissing.Missing);
    }

    [Fact]
    public void Migrations_are_embedded_in_the_data_assembly_with_the_file_names_evolve_expects()
    {
        var resources = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(DatabaseMigrator.ResourcePrefix, StringComparison.Ordinal))
            .Select(name => name[DatabaseMigrator.ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal);

        Assert.Equal(AllMigrations.Order(StringComparer.Ordinal), resources);
    }

    [Fact]
    public async Task Two_connections_migrating_at_once_both_succeed_and_each_file_is_applied_once()
    {
        var migrations = await Task.WhenAll(Database.MigrateAsync(), Database.MigrateAsync());

        Assert.Equal(
            AllMigrations.Order(StringComparer.Ordinal),
            migrations.SelectMany(result => result.Applied).Order(StringComparer.Ordinal));
        Assert.Equal(
            AllMigrations.Length,
            await Database.ScalarAsync<long>("SELECT count(DISTINCT version) FROM changelog WHERE type = 0"));
        Assert.Equal(AllMigrations.Length, await Database.ScalarAsync<long>("SELECT count(*) FROM changelog WHERE type = 0"));
    }

    [Fact]
    public async Task Migration_waits_for_the_advisory_lock_held_by_another_migrator()
    {
        // Evolve's PostgreSQL lock key (PostgreSQLDatabase.LOCK_ID in the Evolve sources).
        const int EvolveLockId = 12345;
        await using var holder = await Database.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({EvolveLockId})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var migration = Database.MigrateAsync();
        await WaitUntilAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_try_advisory_lock%' AND pid <> pg_backend_pid()");
        var appliedWhileLocked = await Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE tablename IN ('changelog', 'prices')");
        var completedWhileLocked = migration.IsCompleted;
        await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({EvolveLockId})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(0L, appliedWhileLocked);
        Assert.False(completedWhileLocked);
        Assert.Equal(AllMigrations, (await migration).Applied);
    }

    private Task WaitUntilAsync(string countQuery) =>
        Eventually.WaitUntilAsync(async () => await Database.ScalarAsync<long>(countQuery) > 0, TimeSpan.FromSeconds(30), countQuery);

    [Fact]
    public async Task A_changed_applied_migration_is_refused_with_its_file_name()
    {
        await Database.MigrateAsync();
        // The recorded checksum no longer matching is exactly what an edited file looks like to Evolve.
        await Database.ExecuteAsync("UPDATE changelog SET checksum = 'edited' WHERE name = 'V1__core_schema.sql'");

        var refusal = await Assert.ThrowsAsync<MigrationValidationException>(() => Database.MigrateAsync());

        Assert.Equal("V1__core_schema.sql", refusal.FileName);
        Assert.Contains("V1__core_schema.sql", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_before_start_applies_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Database.MigrateAsync(cancelled.Token));

        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    /// <summary>V8__x.sql is 8.0, V8_1__x.sql 8.1: Evolve's order.</summary>
    private static Version VersionOf(string fileName)
    {
        var parts = fileName[1..fileName.IndexOf("__", StringComparison.Ordinal)].Split('_');
        return new Version(
            int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
