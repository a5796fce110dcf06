using Forecaster.Data.Access;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Import;

/// <summary>
/// A replay step on the default <c>prices</c> table (the demo): the newest points of every series are taken out before
/// a first cycle and fed back in after it, as if they had just arrived, so the next cycle scores the published forecasts.
/// </summary>
public sealed class ReplayHoldBack
{
    private readonly ForecasterDatabase _database;
    private readonly List<(string Key, DateTime Ts, double Price)> _held = [];

    public ReplayHoldBack(ForecasterDatabase database) => _database = database;

    public int Count => _held.Count;

    /// <summary>Removes the newest <paramref name="pointsPerSeries"/> points of every series and keeps them.</summary>
    public async Task HoldBackAsync(int pointsPerSeries, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsPerSeries);
        var held = await _database.WithConnectionAsync(
                async (connection, token) =>
                {
                    await using var command = new NpgsqlCommand(
                        """
                        DELETE FROM prices p
                        USING series s
                        CROSS JOIN LATERAL (SELECT q.ts FROM prices q WHERE q.series_key = s.series_key ORDER BY q.ts
                        DESC LIMIT @count) newest
                        WHERE p.series_key = s.series_key AND p.ts = newest.ts
                        RETURNING p.series_key, p.ts, p.price
                        """,
                        connection);
                    command.Parameters.AddWithValue("count", pointsPerSeries);
                    var rows = new List<(string, DateTime, double)>();
                    await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetString(0), reader.GetFieldValue<DateTime>(1), reader.GetDouble(2)));
                    }

                    return rows;
                },
                cancellationToken)
            .ConfigureAwait(false);
        _held.AddRange(held);
    }

    /// <summary>Puts the held-back points back (one statement, so new-data triggers fire once) and forgets them.</summary>
    public async Task FeedAsync(CancellationToken cancellationToken)
    {
        await _database.WithConnectionAsync(
                async (connection, token) =>
                {
                    await using var command = new NpgsqlCommand(
                        """
                        INSERT INTO prices (series_key, ts, price) SELECT * FROM unnest(@keys, @stamps, @prices) ON
                        CONFLICT DO NOTHING
                        """, connection);
                    command.Parameters.AddWithValue("keys", _held.Select(row => row.Key).ToArray());
                    command.Parameters
                        .AddWithValue("stamps", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, _held.Select(row => row.Ts).ToArray());
                    command.Parameters.AddWithValue("prices", _held.Select(row => row.Price).ToArray());
                    return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                },
                cancellationToken)
            .ConfigureAwait(false);
        _held.Clear();
    }
}
