using System.Globalization;
using Npgsql;

namespace Forecaster.Data.Import;

/// <summary>
/// Merges <c>import_staging</c> into <c>prices</c>: one set-based upsert, and only when the database refuses it
/// (a constraint, a trigger, an index limit of the table) the same in halves by line number, each in a savepoint,
/// down to the single lines it refuses, which are rejected with the database's message. COPY has no per-row error
/// handling, so this is how one refused row costs itself and not the file: about 2·log2(n) statements per refused row.
/// </summary>
internal sealed class StagedUpsert(NpgsqlConnection connection, PriceImporter.RejectionList rejections)
{
    // xmax = 0 marks a freshly inserted row version; an updated one carries the updating transaction's id.
    private const string UpsertSql = """
        WITH upserted AS (
            INSERT INTO prices AS p (series_key, ts, price)
            SELECT series_key, ts, price FROM import_staging WHERE line_no BETWEEN @first AND @last
            ON CONFLICT (series_key, ts) DO UPDATE SET price = EXCLUDED.price
            WHERE p.price IS DISTINCT FROM EXCLUDED.price
            RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
        """;

    private bool _indexed;

    public async Task<UpsertCounts> RunAsync(CancellationToken token) =>
        await UpsertAsync(long.MinValue, long.MaxValue, token).ConfigureAwait(false);

    /// <summary>Errors a row's own values cause: data exceptions, constraint violations, limits, a trigger's RAISE.</summary>
    private static bool CausedByRows(PostgresException e) => e.SqlState[..2] is "22" or "23" or "54" or "P0";

    private async Task<UpsertCounts> UpsertAsync(long first, long last, CancellationToken token)
    {
        await ExecuteAsync("SAVEPOINT staged_upsert", token).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand(UpsertSql, connection);
            command.Parameters.AddWithValue("first", first);
            command.Parameters.AddWithValue("last", last);
            await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                await reader.ReadAsync(token).ConfigureAwait(false);
                var counts = new UpsertCounts(reader.GetInt64(0), reader.GetInt64(1), 0);
                await reader.CloseAsync().ConfigureAwait(false);
                await ExecuteAsync("RELEASE SAVEPOINT staged_upsert", token).ConfigureAwait(false);
                return counts;
            }
        }
        catch (PostgresException e) when (CausedByRows(e))
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT staged_upsert; RELEASE SAVEPOINT staged_upsert", token).ConfigureAwait(false);
            return await SplitAsync(first, last, e, token).ConfigureAwait(false);
        }
    }

    private async Task<UpsertCounts> SplitAsync(long first, long last, PostgresException failure, CancellationToken token)
    {
        if (!_indexed)
        {
            await ExecuteAsync("CREATE INDEX ON import_staging (line_no)", token).ConfigureAwait(false);
            _indexed = true;
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT count(*), min(line_no), percentile_disc(0.5) WITHIN GROUP (ORDER BY line_no) FROM import_staging
            WHERE line_no BETWEEN @first AND @last
            """,
            connection);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        long rows, firstLine, middle;
        await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            await reader.ReadAsync(token).ConfigureAwait(false);
            rows = reader.GetInt64(0);
            firstLine = rows > 0 ? reader.GetInt64(1) : 0;
            middle = rows > 0 ? reader.GetInt64(2) : 0;
        }

        if (rows == 0)
        {
            return default;
        }

        if (rows == 1)
        {
            rejections.Add(new RejectedLine(firstLine, string.Create(
                CultureInfo
                    .InvariantCulture, $"refused by the database ({failure.SqlState}): {PriceRowParser.Quote(failure.MessageText)}")));
            return new UpsertCounts(0, 0, 1);
        }

        // percentile_disc of two rows is the first: the halves [first, middle] and (middle, last] are never empty.
        var left = await UpsertAsync(first, middle, token).ConfigureAwait(false);
        var right = await UpsertAsync(middle + 1, last, token).ConfigureAwait(false);
        return left + right;
    }

    private async Task ExecuteAsync(string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }
}

/// <summary>Staged lines inserted, updated (price differed) and refused by the database.</summary>
internal readonly record struct UpsertCounts(long Inserted, long Updated, long Refused)
{
    public static UpsertCounts operator +(UpsertCounts left, UpsertCounts right) =>
        new(left.Inserted + right.Inserted, left.Updated + right.Updated, left.Refused + right.Refused);
}
