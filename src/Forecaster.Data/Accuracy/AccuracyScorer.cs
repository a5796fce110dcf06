using Forecaster.Data.Access;
using Forecaster.Data.Sources;
using Npgsql;

namespace Forecaster.Data.Accuracy;

/// <summary>
/// Scores published forecasts against the configured source as its points arrive (migration V9). Set-based and
/// incremental: a series is looked at only when its source has a point past its <c>scored_through</c> watermark
/// (one backward index probe per active series), and then only its pending steps up to that point are read
/// (partial index), each actual by one (key, timestamp) probe of the source. Missing steps and queued late or
/// revised points are looked up again. Nothing scans the forecast history or the source.
/// </summary>
public sealed class AccuracyScorer
{
    /// <summary>Any constant nobody else uses: one scoring pass at a time across instances; a second one skips.</summary>
    private const long ScoringLock = 0x46_43_41_43; // "FCAC"

    private const string ChangedColumns =
        "sc.series_key, sc.kind, sc.method, sc.step, sc.status, sc.scaled_error, sc.naive_scaled_error, sc.covered_80, sc.covered_95";

    private readonly ForecasterDatabase _database;

    public AccuracyScorer(ForecasterDatabase database, PriceSource source)
    {
        _database = database;

        // Each actual is one (key, timestamp) probe of the source. A non-finite value (possible in a custom numeric or
        // float source) is no actual: the step stays missing rather than carrying a NaN error.

        // The watermark pass: pending steps whose target the source has reached become scored or missing.
        NewDataSql = $"""
            WITH candidates AS (
                SELECT s.series_key, newest.ts AS newest
                FROM series s
                LEFT JOIN series_accuracy w ON w.series_key = s.series_key
                CROSS JOIN LATERAL (
                    SELECT p.{source.Timestamp} AS ts FROM {source.Relation} p
                    WHERE p.{source.Key} = s.series_key ORDER BY p.{source.Timestamp} DESC LIMIT 1) newest
                WHERE s.active AND newest.ts > coalesce(w.scored_through, '-infinity')
            ),
            arrived AS (
                SELECT sc.run_id, sc.step, sc.kind, actual.value
                FROM candidates c
                JOIN forecast_scores sc ON sc.series_key = c.series_key AND sc.status = 'pending' AND sc.target_ts <= c.newest
                LEFT JOIN LATERAL (
                    SELECT p.{source.Value}::double precision AS value FROM {source.Relation} p
                    WHERE p.{source.Key} = sc.series_key AND p.{source.Timestamp} = sc.target_ts
                      AND p.{source.Value}::double precision NOT IN ('NaN', 'Infinity', '-Infinity')
                    LIMIT 1) actual ON true
            ),
            changed AS (
                UPDATE forecast_scores sc
                SET status = CASE WHEN a.value IS NULL THEN 'missing' ELSE 'scored' END, actual = a.value, scored_at = @now
                FROM arrived a
                WHERE sc.run_id = a.run_id AND sc.step = a.step AND sc.kind = a.kind
                RETURNING {ChangedColumns}, false AS revised
            ),
            marked AS (
                INSERT INTO series_accuracy (series_key, scored_through)
                SELECT series_key, newest FROM candidates
                ON CONFLICT (series_key) DO UPDATE SET scored_through = greatest(series_accuracy.scored_through, EXCLUDED.scored_through)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM marked)::integer, changed.*
            FROM (VALUES (1)) one LEFT JOIN changed ON true
            """;

        // Behind the watermark: missing steps of active series (a late point), and steps at queued changes (revisions).
        BehindWatermarkSql = $"""
            WITH queued AS (
                DELETE FROM actual_changes RETURNING series_key, ts
            ),
            reopened AS (
                SELECT sc.run_id, sc.step, sc.kind, sc.series_key, sc.target_ts, sc.status AS was
                FROM forecast_scores sc
                JOIN series s ON s.series_key = sc.series_key AND s.active
                WHERE sc.status = 'missing'
                UNION
                SELECT sc.run_id, sc.step, sc.kind, sc.series_key, sc.target_ts, sc.status
                FROM (SELECT DISTINCT series_key, ts FROM queued) q
                JOIN forecast_scores sc ON sc.series_key = q.series_key AND sc.target_ts = q.ts AND sc.status <> 'pending'
            ),
            observed AS (
                SELECT sc.run_id, sc.step, sc.kind, sc.was, actual.value
                FROM reopened sc
                LEFT JOIN LATERAL (
                    SELECT p.{source.Value}::double precision AS value FROM {source.Relation} p
                    WHERE p.{source.Key} = sc.series_key AND p.{source.Timestamp} = sc.target_ts
                      AND p.{source.Value}::double precision NOT IN ('NaN', 'Infinity', '-Infinity')
                    LIMIT 1) actual ON true
            ),
            changed AS (
                UPDATE forecast_scores sc
                SET status = CASE WHEN o.value IS NULL THEN 'missing' ELSE 'scored' END, actual = o.value, scored_at = @now
                FROM observed o
                WHERE sc.run_id = o.run_id AND sc.step = o.step AND sc.kind = o.kind AND sc.actual IS DISTINCT FROM o.value
                RETURNING {ChangedColumns}, o.was = 'scored' AS revised
            )
            SELECT 0, changed.* FROM changed
            """;
    }

    /// <summary>The watermark pass (exposed for EXPLAIN in tests).</summary>
    internal string NewDataSql { get; }

    /// <summary>The pass over missing steps and queued late or revised points (exposed for EXPLAIN in tests).</summary>
    internal string BehindWatermarkSql { get; }

    /// <summary>
    /// Active series with a scored step (a probe per series: the LIMIT keeps it from becoming a semi-join over every
    /// score), and active series demoted.
    /// </summary>
    internal const string SeriesCountsSql =
        """
        SELECT (SELECT count(*)::integer FROM series s
                WHERE s.active AND (
                    SELECT true FROM forecast_scores sc WHERE sc.series_key = s.series_key AND sc.kind = 'published' AND
                    sc.status = 'scored' LIMIT 1)),
               (SELECT count(*)::integer FROM series_accuracy a JOIN series s ON s.series_key = a.series_key
                WHERE s.active AND a.demoted_since IS NOT NULL)
        """;

    /// <summary>
    /// Scores everything that can be scored as of <paramref name="now"/> (the time stamped on changed rows), in one
    /// transaction. Another instance scoring at the same moment makes this one return <see cref="ScoringPass.Skipped"/>.
    /// </summary>
    public Task<ScoringPass> ScoreAsync(DateTime now, CancellationToken cancellationToken)
    {
        UtcTime.Require(now);
        return _database.InTransactionAsync(
            async (connection, transaction, token) =>
            {
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@lock)", connection, transaction))
                {
                    lockCommand.Parameters.AddWithValue("lock", ScoringLock);
                    if (await lockCommand.ExecuteScalarAsync(token).ConfigureAwait(false) is not true)
                    {
                        return ScoringPass.Skipped;
                    }
                }

                var changed = new List<ScoredPoint>();
                var checkedSeries = await RunAsync(NewDataSql, changed).ConfigureAwait(false);
                await RunAsync(BehindWatermarkSql, changed).ConfigureAwait(false);
                await using var count = new NpgsqlCommand(SeriesCountsSql, connection, transaction);
                await using var counts = await count.ExecuteReaderAsync(token).ConfigureAwait(false);
                await counts.ReadAsync(token).ConfigureAwait(false);
                return new ScoringPass(true, changed, checkedSeries, counts.GetInt32(0), counts.GetInt32(1));

                async Task<int> RunAsync(string sql, List<ScoredPoint> into)
                {
                    await using var command = new NpgsqlCommand(sql, connection, transaction);
                    command.Parameters.AddWithValue("now", now);
                    await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                    var seriesChecked = 0;
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        seriesChecked = reader.GetInt32(0);
                        if (!reader.IsDBNull(1))
                        {
                            into.Add(Read(reader));
                        }
                    }

                    return seriesChecked;
                }
            },
            cancellationToken).AsTask();
    }

    private static ScoredPoint Read(NpgsqlDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetInt32(4),
        reader.GetString(5),
        reader.GetBoolean(10),
        reader.IsDBNull(6) ? null : reader.GetDouble(6),
        reader.IsDBNull(7) ? null : reader.GetDouble(7),
        reader.IsDBNull(8) ? null : reader.GetBoolean(8),
        reader.IsDBNull(9) ? null : reader.GetBoolean(9));
}
