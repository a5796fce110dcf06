using System.Globalization;
using Forecaster.Data.Migrations;

namespace Forecaster.Testing;

/// <summary>
/// The schema the release before this build left behind: this build's migrations below its newest major version
/// (applied files never change, so they are that release's files). Upgrade tests start from it.
/// </summary>
public static class PreviousRelease
{
    /// <summary>The last migration the previous release applied, as Evolve records it ("9", "8.2").</summary>
    public static string Version { get; } = MigrationLevel.Embedded.Last(
        version => int.Parse(version.Split('.')[0], CultureInfo.InvariantCulture) < MigrationLevel.Expected);

    /// <summary>Migrates the database of <paramref name="connectionString"/> (a schema owner's) as the previous release did.</summary>
    public static Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken = default) =>
        DatabaseMigrator.MigrateAsync(connectionString, Version, cancellationToken);
}
