using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Results;

/// <summary>Reads stored models (they are written only by a publish, together with their run).</summary>
public sealed class ModelStore
{
    private readonly ForecasterDatabase _database;

    public ModelStore(ForecasterDatabase database) => _database = database;

    /// <summary>The highest model version of a series (for warm starts), or null when none was published.</summary>
    public Task<StoredModel?> GetLatestAsync(string seriesKey, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT series_key, version, format_version, run_id, created_at, blob
                    FROM models WHERE series_key = @series
                    ORDER BY version DESC LIMIT 1
                    """,
                    connection);
                command.Parameters.AddWithValue("series", seriesKey);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                if (!await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    return null;
                }

                return new StoredModel(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    reader.GetInt32(2),
                    reader.GetInt64(3),
                    reader.GetFieldValue<DateTime>(4),
                    reader.GetFieldValue<byte[]>(5));
            },
            cancellationToken).AsTask();
}
