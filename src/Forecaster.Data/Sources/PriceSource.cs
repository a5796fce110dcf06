using Forecaster.Data.Access;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Forecaster.Data.Sources;

/// <summary>
/// Reads the configured price relation. Every query is bounded by the (key, timestamp) index a source is
/// expected to have, so a series' recent history is read without touching the rest of the table.
/// </summary>
public sealed class PriceSource
{
    /// <summary>Ten gaps: enough for the median to ignore a long weekend, few enough to read for every series at each refresh.</summary>
    internal const int SpacingPoints = 11;

    private readonly ForecasterDatabase _database;
    private readonly ILogger _logger;

    /// <exception cref="PriceSourceException">A configured name is not a plain identifier.</exception>
    public PriceSource(ForecasterDatabase database, PriceSourceOptions options)
    {
        _database = database;
        _logger = database.LoggerFactory.CreateLogger<PriceSource>();
        Options = options;
        var invalid = options.InvalidNames();
        if (invalid.Count > 0)
        {
            throw new PriceSourceException(
                $"Invalid price source setting(s): {string.Join(", ", invalid)}. Names must be plain SQL identifiers " +
                $"(letters, digits, '_' or '$', not starting with a digit, at most {SqlIdentifier.MaxBytes} bytes).");
        }

        Relation = SqlIdentifier.Quote(options.Schema) + "." + SqlIdentifier.Quote(options.Table);
        Key = SqlIdentifier.Quote(options.KeyColumn);
        Timestamp = SqlIdentifier.Quote(options.TimestampColumn);
        Value = SqlIdentifier.Quote(options.ValueColumn);
        // A stamp outside the supported range comes back NULL (DateTime cannot hold it) and is counted, not read.
        LastPointsSql = $"""
            SELECT CASE WHEN {Timestamp} {SupportedTimestamps.SqlRange} THEN {Timestamp} END, {Value}::double precision
            FROM {Relation} WHERE {Key} = @key ORDER BY {Timestamp} DESC LIMIT @count
            """;
        PointsAfterSql = $"""
            SELECT CASE WHEN {Timestamp} {SupportedTimestamps.SqlRange} THEN {Timestamp} END, {Value}::double precision
            FROM {Relation} WHERE {Key} = @key AND {Timestamp} > @after ORDER BY {Timestamp}
            """;
        RecencySql = $"""
            SELECT s.series_key, max(recent.at), percentile_cont(0.5) WITHIN GROUP (ORDER BY recent.gap) FILTER (WHERE recent.gap > 0)
            FROM series s
            LEFT JOIN LATERAL (
                SELECT at, (extract(epoch FROM at) - extract(epoch FROM lag(at) OVER (ORDER BY at)))::double precision AS gap
                FROM (SELECT p.{Timestamp}::timestamptz AS at FROM {Relation} p
                      WHERE p.{Key} = s.series_key AND p.{Timestamp} {SupportedTimestamps.SqlRange}
                      ORDER BY p.{Timestamp} DESC LIMIT {SpacingPoints}) last
            ) recent ON true
            WHERE s.active
            GROUP BY s.series_key
            """;
    }

    public PriceSourceOptions Options { get; }

    internal string Relation { get; }

    internal string Key { get; }

    internal string Timestamp { get; }

    internal string Value { get; }

    internal string LastPointsSql { get; }

    internal string PointsAfterSql { get; }

    /// <summary>
    /// Per series: its newest point and the median gap, in seconds, between its last <see cref="SpacingPoints"/>
    /// points. The median shrugs off a holiday or a missing month; the last points follow a cadence change.
    /// Ordering by the bare column keeps it one backward (key, timestamp) index probe per series; casting each
    /// point to timestamptz makes the gaps seconds whether the column is timestamptz, timestamp or date.
    /// Duplicate timestamps (a view may have them) are not a spacing of zero. Retired (inactive) series are left
    /// out: nobody waits for their data, so they must not hold a lag alert up forever. Stamps outside
    /// <see cref="SupportedTimestamps"/> are ignored, so one <c>infinity</c> or BC row affects no gauge.
    /// </summary>
    internal string RecencySql { get; }

    /// <summary>
    /// Fails with a message naming the problem when the relation is missing or unreadable, or a column is missing
    /// or of an unusable type (key: text, timestamp: timestamptz, value: any number). The host calls it at start-up.
    /// </summary>
    public Task VerifyAsync(CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await SourceVerifier.VerifyAsync(connection, this, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken).AsTask();

    /// <summary>
    /// The newest <paramref name="count"/> points of a series, oldest first. Rows stamped outside
    /// <see cref="SupportedTimestamps"/> (e.g. <c>infinity</c>, a BC date) are left out with a warning naming the series.
    /// </summary>
    public Task<IReadOnlyList<PricePoint>> ReadLastPointsAsync(string seriesKey, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return ReadPointsAsync(LastPointsSql, seriesKey, newestFirst: true, cancellationToken, ("key", seriesKey), ("count", count));
    }

    /// <summary>All points of a series strictly after <paramref name="afterUtc"/>, oldest first; out-of-range stamps as above.</summary>
    public Task<IReadOnlyList<PricePoint>> ReadPointsAfterAsync(string seriesKey, DateTime afterUtc, CancellationToken cancellationToken) =>
        ReadPointsAsync(
            PointsAfterSql,
            seriesKey,
            newestFirst: false,
            cancellationToken,
            ("key", seriesKey),
            ("after", UtcTime.Require(afterUtc)));

    /// <summary>
    /// The newest point and typical spacing of every series in <c>series</c>, for data-lag metrics (see
    /// <see cref="RecencySql"/>).
    /// </summary>
    public Task<IReadOnlyDictionary<string, SeriesRecency>> ReadRecencyAsync(CancellationToken cancellationToken) =>
        _database.WithConnectionAsync<IReadOnlyDictionary<string, SeriesRecency>>(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(RecencySql, connection);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var recency = new Dictionary<string, SeriesRecency>(StringComparer.Ordinal);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    recency[reader.GetString(0)] = new SeriesRecency(
                        reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTime>(1),
                        reader.IsDBNull(2) ? null : TimeSpan.FromSeconds(reader.GetDouble(2)));
                }

                return recency;
            },
            cancellationToken).AsTask();

    /// <summary>Adds a <c>series</c> row for every key of the source that has none; returns how many were added.</summary>
    public Task<int> SyncSeriesAsync(CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                var sql = $"""
                    INSERT INTO series (series_key)
                    SELECT DISTINCT {Key}::text FROM {Relation} WHERE {Key} IS NOT NULL AND {Key}::text <> ''
                    ON CONFLICT (series_key) DO NOTHING
                    """;
                await using var command = new NpgsqlCommand(sql, connection);
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken).AsTask();


    private Task<IReadOnlyList<PricePoint>> ReadPointsAsync(
        string sql, string seriesKey, bool newestFirst, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters) =>
        _database.WithConnectionAsync<IReadOnlyList<PricePoint>>(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                var points = new List<PricePoint>();
                var outOfRange = 0;
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    if (reader.IsDBNull(0))
                    {
                        outOfRange++;
                        continue;
                    }

                    points.Add(new PricePoint(reader.GetFieldValue<DateTime>(0), reader.GetDouble(1)));
                }

                if (outOfRange > 0)
                {
                    DataLog.OutOfRangeStamps(_logger, seriesKey, outOfRange, SupportedTimestamps.Description);
                }

                if (newestFirst)
                {
                    points.Reverse();
                }

                return points;
            },
            cancellationToken).AsTask();
}
