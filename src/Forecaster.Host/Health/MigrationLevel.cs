using System.Globalization;
using System.Text.RegularExpressions;
using Forecaster.Data.Migrations;
using Npgsql;

namespace Forecaster.Host.Health;

/// <summary>
/// The schema version this build needs (its highest embedded migration) against what Evolve recorded in
/// the database, so an instance rolled out before its migration ran reports itself not ready.
/// </summary>
internal static partial class MigrationLevel
{
    public static int Expected { get; } = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
        .Select(name => EmbeddedMigration().Match(name))
        .Where(match => match.Success)
        .Max(match => int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture));

    /// <summary>The highest successfully applied migration, or null when Evolve's changelog does not exist yet.</summary>
    public static async Task<int?> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('changelog') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        // Versions are text in the changelog; "10" must rank above "9".
        await using var command = new NpgsqlCommand("SELECT version FROM changelog WHERE type = 0 AND success", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (int.TryParse(reader.GetString(0), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                applied = Math.Max(applied, version);
            }
        }

        return applied;
    }

    [GeneratedRegex(@"\.V(?<version>[0-9]+)__[^.]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedMigration();
}
