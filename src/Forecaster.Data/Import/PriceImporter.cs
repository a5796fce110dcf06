using Forecaster.Data.Access;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Import;

/// <summary>
/// Imports <c>series_key,ts,price</c> CSV into the default <c>prices</c> table. Records are read one at a time
/// (<see cref="PriceCsvFile"/>) and streamed by binary COPY into a temporary staging table, then merged with one
/// upsert that only rewrites prices that differ, in one transaction: an import lands completely or (on a lost
/// connection or cancellation) not at all. Every line is judged on its own: a bad line is rejected with its line
/// number and reason while the good ones land, and so is a line the database refuses (a constraint or trigger of
/// the table): the upsert then retries in halves inside savepoints until the refused lines are found.
/// A (series_key, ts) that appears again later in the same file is rejected: the first occurrence wins. New keys
/// appear in <c>series</c> through the table's insert trigger, in the same transaction.
/// Not retried on transient failures: the input is a stream that can be read only once; re-running is safe.
/// </summary>
public sealed class PriceImporter
{
    public const int MaxListedRejections = 1000;

    private readonly ForecasterDatabase _database;
    private readonly ILogger _logger;

    public PriceImporter(ForecasterDatabase database)
    {
        _database = database;
        _logger = database.LoggerFactory.CreateLogger<PriceImporter>();
    }

    /// <summary>Imports a UTF-8 file (invalid bytes reject their line instead of being guessed at).</summary>
    public async Task<ImportReport> ImportFileAsync(string path, PriceCsvColumns? columns, CancellationToken cancellationToken)
    {
        using var reader = CsvRecordGuard.OpenUtf8(path);
        return await ImportAsync(reader, path, columns, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="ImportFormatException">No header line, or a mapped column is missing from it.</exception>
    public async Task<ImportReport> ImportAsync(
        TextReader csv,
        string sourceName,
        PriceCsvColumns? columns,
        CancellationToken cancellationToken)
    {
        using var file = PriceCsvFile.Open(csv, columns ?? PriceCsvColumns.Default, sourceName);

        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
                connection,
                """
                CREATE TEMP TABLE import_staging (line_no bigint NOT NULL, series_key text NOT NULL, ts timestamptz NOT
                NULL, price double precision NOT NULL) ON COMMIT DROP
                """,
                cancellationToken)
            .ConfigureAwait(false);

        var rejections = new RejectionList();
        var staged = await StageAsync(connection, file, rejections, cancellationToken).ConfigureAwait(false);
        var duplicates = await RejectDuplicatesAsync(connection, rejections, cancellationToken).ConfigureAwait(false);
        var upserted = await new StagedUpsert(connection, rejections).RunAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var report = new ImportReport(
            upserted.Inserted, upserted.Updated, staged - duplicates - upserted.Inserted - upserted.Updated - upserted.Refused, rejections
                .Count, rejections.Ordered());
        DataLog.Imported(_logger, sourceName, report.Inserted, report.Updated, report.Unchanged, (int)report.RejectedCount);
        return report;
    }

    private static async Task<long> StageAsync(
        NpgsqlConnection connection,
        PriceCsvFile file,
        RejectionList rejections,
        CancellationToken token)
    {
        long staged = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
                "COPY import_staging (line_no, series_key, ts, price) FROM STDIN (FORMAT BINARY)", token)
            .ConfigureAwait(false);
        while (file.Next() is { } line)
        {
            token.ThrowIfCancellationRequested();
            if (line.Rejection is { } reason)
            {
                rejections.Add(new RejectedLine(line.LineNumber, reason));
                continue;
            }

            await writer.StartRowAsync(token).ConfigureAwait(false);
            await writer.WriteAsync(line.LineNumber, NpgsqlDbType.Bigint, token).ConfigureAwait(false);
            await writer.WriteAsync(line.Row.SeriesKey, NpgsqlDbType.Text, token).ConfigureAwait(false);
            await writer.WriteAsync(line.Row.Timestamp, NpgsqlDbType.TimestampTz, token).ConfigureAwait(false);
            await writer.WriteAsync(line.Row.Price, NpgsqlDbType.Double, token).ConfigureAwait(false);
            staged++;
        }

        await writer.CompleteAsync(token).ConfigureAwait(false);
        return staged;
    }

    private static async Task<long> RejectDuplicatesAsync(NpgsqlConnection connection, RejectionList rejections, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM import_staging s
            USING (SELECT series_key, ts, min(line_no) AS first_line FROM import_staging GROUP BY series_key, ts HAVING count(*) > 1) d
            WHERE s.series_key = d.series_key AND s.ts = d.ts AND s.line_no <> d.first_line
            RETURNING s.line_no, d.first_line
            """,
            connection);
        long duplicates = 0;
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            rejections.Add(
                new RejectedLine(
                    reader.GetInt64(0),
                    $"duplicate (series_key, ts) of line {reader.GetInt64(1)}; the first occurrence wins"));
            duplicates++;
        }

        return duplicates;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    /// <summary>Counts every rejection, keeps the first few (in line order) so a hopeless file cannot exhaust memory.</summary>
    internal sealed class RejectionList
    {
        private readonly List<RejectedLine> _listed = [];

        public long Count { get; private set; }

        public void Add(RejectedLine line)
        {
            Count++;
            _listed.Add(line);
            if (_listed.Count > 2 * MaxListedRejections)
            {
                Trim();
            }
        }

        public RejectedLine[] Ordered()
        {
            Trim();
            return [.. _listed];
        }

        private void Trim()
        {
            _listed.Sort((left, right) => left.LineNumber.CompareTo(right.LineNumber));
            if (_listed.Count > MaxListedRejections)
            {
                _listed.RemoveRange(MaxListedRejections, _listed.Count - MaxListedRejections);
            }
        }
    }
}
