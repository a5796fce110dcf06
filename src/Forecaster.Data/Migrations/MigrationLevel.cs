using System.Globalization;
using System.Text.RegularExpressions;
using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Migrations;

/// <summary>
/// The migrations this build embeds against what Evolve recorded in the database: an instance rolled out before its
/// migration ran reports itself not ready, and a service that finds nothing to apply needs no DDL rights at start.
/// </summary>
public sealed partial class MigrationLevel(ForecasterDatabase database)
{
    /// <summary>Every migration version this build embeds, as Evolve records them ("7", "8.1"), in version order.</summary>
    public static IReadOnlyList<string> Embedded { get; } = [.. typeof(MigrationLevel).Assembly.GetManifestResourceNames()
        .Select(name => EmbeddedMigration().Match(name))
        .Where(match => match.Success)
        .Select(match => match.Groups["version"].Value.Replace('_', '.'))
        .OrderBy(version => Version.Parse(version.Contains('.', StringComparison.Ordinal) ? version : version + ".0"))];

    /// <summary>The highest migration major version embedded in this build: the schema level it expects.</summary>
    public static int Expected { get; } = Embedded.Max(Major);

    /// <summary>
    /// What the database has applied, or null when Evolve's changelog does not exist yet. Deliberately outside the
    /// retry pipeline: a probe must answer within its own timeout, not after backoff.
    /// </summary>
    public async Task<AppliedMigrations?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('changelog') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return null;
            }
        }

        await using var command = new NpgsqlCommand("SELECT version FROM changelog WHERE type = 0 AND success", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(reader.GetString(0));
        }

        return new AppliedMigrations(
            applied.Select(Major).DefaultIfEmpty(0).Max(),
            [.. Embedded.Where(version => !applied.Contains(version))]);
    }

    // Versions are text ("10" ranks above "9"); only the major part is a schema level.
    private static int Major(string version) =>
        int.TryParse(version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;

    [GeneratedRegex(@"\.V(?<version>[0-9]+(_[0-9]+)*)__[^.]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedMigration();
}

/// <param name="Level">The highest major version applied (0 when none).</param>
/// <param name="Missing">This build's migrations the database has not applied (also older ones added after newer ones ran).</param>
public sealed record AppliedMigrations(int Level, IReadOnlyList<string> Missing);
