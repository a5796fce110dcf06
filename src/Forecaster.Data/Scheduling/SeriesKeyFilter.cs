using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Scheduling;

/// <summary>
/// An optional "only these series" condition. One typed array parameter that may be NULL keeps a single
/// statement text (and plan) for filtered and unfiltered calls.
/// </summary>
internal static class SeriesKeyFilter
{
    public static string Sql(string keyColumn) => $"(@only_keys::text[] IS NULL OR {keyColumn} = ANY(@only_keys))";

    public static void AddParameter(NpgsqlCommand command, IReadOnlyCollection<string>? onlyKeys) =>
        command.Parameters.Add(new NpgsqlParameter("only_keys", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = onlyKeys is null ? DBNull.Value : onlyKeys.ToArray(),
        });
}
