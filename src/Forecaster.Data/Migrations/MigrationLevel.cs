using System.Globalization;
using System.Text.RegularExpressions;
using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Migrations;

/// <summary>
/// The schema version this build needs (its highest embedded migration) against what Evolve recorded in the
/// database, so an instance rolled out before its migration ran can report itself not ready.
/// </summary>
public sealed partial class MigrationLevel(ForecasterDatabase database)
{
    /// <summary>The highest migration version embedded in this build.</summary>
    public static int Expected { get; } = typeof(MigrationLevel).Assembly.GetManifestResourceNames()
        .Select(name => EmbeddedMigration().Match(name))
        .Where(match => match.Success)
        .Max(match => int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture));

    /// <summary>
    /// The highest successfully applied migration, or null when Evolve's changelog does not exist yet. Deliberately
    /// outside the retry pipeline: a probe must answer within its own timeout, not after backoff.
    /// </summary>
    public async Task<int?> ReadAppliedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('changelog') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return null;
            }
        }

        // Versions are text in the changelog ("7", "7.1"); only the major part is a schema level, and "10" must rank above "9".
        await using var command = new NpgsqlCommand("SELECT version FROM changelog WHERE type = 0 AND success", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var major = reader.GetString(0).Split('.', '_')[0];
            if (int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                applied = Math.Max(applied, version);
            }
        }

        return applied;
    }

    [GeneratedRegex(@"\.V(?<version>[0-9]+)(_[0-9]+)*__[^.]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedMigration();
}
