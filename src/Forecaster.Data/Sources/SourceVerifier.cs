using Npgsql;

namespace Forecaster.Data.Sources;

/// <summary>Checks a configured source against the catalog so a typo fails at start-up, not at the first training run.</summary>
internal static class SourceVerifier
{
    public static async Task VerifyAsync(NpgsqlConnection connection, PriceSource source, CancellationToken cancellationToken)
    {
        var options = source.Options;
        var relationName = $"{options.Schema}.{options.Table}";

        await using var command = new NpgsqlCommand(
            """
            SELECT a.attname, t.typcategory, format_type(a.atttypid, a.atttypmod), has_table_privilege(c.oid, 'SELECT')
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE c.oid = to_regclass(@relation)
            """,
            connection);
        command.Parameters.AddWithValue("relation", source.Relation);

        var columns = new Dictionary<string, (char Category, string Type)>(StringComparer.Ordinal);
        var readable = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns[reader.GetString(0)] = (reader.GetChar(1), reader.GetString(2));
                readable = reader.GetBoolean(3);
            }
        }

        if (columns.Count == 0)
        {
            throw new PriceSourceException($"Price source '{relationName}' does not exist (or is not visible to this login).");
        }

        if (!readable)
        {
            throw new PriceSourceException($"Price source '{relationName}' exists but this login may not SELECT from it.");
        }

        var problems = new List<string>();
        Check(options.KeyColumn, "key", type => type.Category == 'S', "a text type");
        Check(
            options.TimestampColumn,
            "timestamp",
            type => type.Type == "timestamp with time zone",
            "timestamptz (wrap other types in a view)");
        Check(options.ValueColumn, "value", type => type.Category == 'N', "a numeric type");
        if (problems.Count > 0)
        {
            throw new PriceSourceException(
                $"Price source '{relationName}': {string.Join("; ", problems)}. Columns present: " +
                $"{string.Join(", ", columns.Keys.Order(StringComparer.Ordinal))}.");
        }

        void Check(string column, string role, Func<(char Category, string Type), bool> acceptable, string expected)
        {
            if (!columns.TryGetValue(column, out var type))
            {
                problems.Add($"{role} column '{column}' does not exist");
            }
            else if (!acceptable(type))
            {
                problems.Add($"{role} column '{column}' is {type.Type}, expected {expected}");
            }
        }
    }
}
