using Forecaster.Data.Access;
using Forecaster.Data.Sources;
using Npgsql;

namespace Forecaster.Data.Scheduling;

/// <summary>
/// Decides which series are due and hands them out to instances through leases kept in <c>series</c>.
/// A due series is claimed by exactly one instance (row locks with SKIP LOCKED); the claim lasts until the
/// run ends (publish or mark), the instance releases it, or its lease expires — then any instance may claim it.
/// Every method takes "now" from the caller's TimeProvider instead of the database clock.
/// </summary>
public sealed class SeriesScheduler
{
    /// <summary>
    /// The claim belongs to another instance whose database session, which held its instance lock when it claimed,
    /// has ended (V7): it was killed or crashed, and its claim is free whatever its lease says. Never null, so it
    /// can be negated: a claim made without the lock is not "gone".
    /// </summary>
    private const string HolderGone =
        "coalesce(claim_lock_holder = claimed_by AND claimed_by <> @instance AND NOT forecaster_instance_alive(claimed_by), false)";

    /// <summary>The claimant when it holds its instance lock now (its claims end with its session), else null (lease only).</summary>
    private const string LockHolder = "CASE WHEN forecaster_instance_alive(@instance) THEN @instance END";

    /// <summary>
    /// The next due, unclaimed series in due order, locked and leased. The order matches <c>series_claim_idx</c>
    /// (migration V6), so a claim reads the first free index entries instead of sorting every due series.
    /// </summary>
    internal static readonly string ClaimSql = $"""
        UPDATE series
        SET claimed_by = @instance, lease_expires_at = @now + @lease, claim_lock_holder = {LockHolder}
        WHERE series_key IN (
            SELECT series_key FROM series
            WHERE active AND next_due_at <= @now AND (claimed_by IS NULL OR lease_expires_at < @now OR {HolderGone})
              AND {SeriesKeyFilter.Sql("series_key")}
            ORDER BY next_due_at, series_key
            LIMIT @batch
            FOR UPDATE SKIP LOCKED)
        RETURNING {SeriesRows.Columns}
        """;

    /// <summary>Neither a model nor an "unfit" verdict yet.</summary>
    private const string NeverAttempted = "(s.last_trained_at IS NULL AND s.unfit_at IS NULL)";

    /// <summary>When the series was last trained or found unfit (greatest ignores NULL).</summary>
    private const string LastAttempt = "greatest(s.last_trained_at, s.unfit_at)";

    /// <summary>
    /// Its source rows (or settings) changed since the version its last finished attempt started from: V8's
    /// <c>inputs_version &lt;&gt; attempted_version</c>, stored by V8_1 so the planner sees how rare it is.
    /// </summary>
    private const string PendingChange = "s.pending_change";

    /// <summary>
    /// When a series that needs training is due: now, or for a series with a <c>schedule_interval</c> not before that
    /// long after its last attempt (greatest ignores the NULL of a missing interval or attempt).
    /// </summary>
    private const string DueAt = "greatest(@now, greatest(s.last_trained_at, s.unfit_at) + s.schedule_interval)";

    private readonly ForecasterDatabase _database;
    private readonly PriceSource _source;

    public SeriesScheduler(ForecasterDatabase database, PriceSource source)
    {
        _database = database;
        _source = source;
        NewDataDueSql = $"""
            UPDATE series s
            SET next_due_at = {DueAt}, due_reason = 'new_data'
            WHERE s.active AND (s.next_due_at IS NULL OR s.next_due_at > {DueAt})
              AND ({PendingChange} OR (s.series_key = ANY(@keys) AND ({NeverAttempted} OR {NewSourcePoints("s")})))
            """;
    }

    /// <summary>The statement of <see cref="MarkNewDataDueAsync"/>, for plan tests.</summary>
    internal string NewDataDueSql { get; }

    /// <summary>
    /// Makes unscheduled (<c>next_due_at IS NULL</c>) active series due at <paramref name="now"/> (with a
    /// <c>schedule_interval</c>: not before that long after their last attempt) when they were
    /// never attempted, their last attempt (a model, or a verdict that the data cannot train) is older than
    /// <paramref name="maxModelAge"/>, or their inputs changed since: any insert, update or delete of their source
    /// rows (tracked by trigger on the default table) or a source point newer than the last one seen. Records why in
    /// <c>due_reason</c>. Series that already have a due time keep it. Returns how many series became due.
    /// </summary>
    public Task<int> MarkDueAsync(DateTime now, TimeSpan maxModelAge, CancellationToken cancellationToken)
    {
        UtcTime.Require(now);
        var sql = $"""
            UPDATE series s
            SET next_due_at = {DueAt},
                due_reason = CASE
                    WHEN {NeverAttempted} THEN 'never_trained'
                    WHEN {LastAttempt} < @stale_before THEN 'model_stale'
                    ELSE 'new_data' END
            WHERE s.active AND s.next_due_at IS NULL
              AND ({NeverAttempted} OR {LastAttempt} < @stale_before OR {PendingChange} OR {NewSourcePoints("s")})
            """;
        return _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("stale_before", StaleBefore(now, maxModelAge));
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// Makes these series due at <paramref name="now"/> whatever their state (<c>train --series</c>: an operator asked
    /// for them), with reason <c>requested</c>; an earlier due time is kept. Returns how many were found active.
    /// </summary>
    public Task<int> MarkRequestedAsync(IReadOnlyCollection<string> keys, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        UtcTime.Require(now);
        return _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    UPDATE series
                    SET next_due_at = least(next_due_at, @now),
                        due_reason = CASE WHEN next_due_at <= @now THEN due_reason ELSE 'requested' END
                    WHERE active AND series_key = ANY(@keys)
                    """,
                    connection);
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("keys", keys.ToArray());
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due series (earliest due first) for <paramref name="instanceId"/>
    /// until <c>now + leaseDuration</c>. Series claimed by others with a live lease, or locked by a concurrent
    /// claimer, are skipped. Runs still marked running on a claimed series belonged to a holder whose lease
    /// expired; they are marked failed (<c>lease_expired</c>).
    /// </summary>
    public Task<IReadOnlyList<SeriesSettings>> ClaimDueAsync(
        string instanceId, int batchSize, TimeSpan leaseDuration, DateTime now, CancellationToken cancellationToken) =>
        ClaimDueAsync(instanceId, batchSize, leaseDuration, now, onlyKeys: null, cancellationToken);

    /// <inheritdoc cref="ClaimDueAsync(string, int, TimeSpan, DateTime, CancellationToken)"/>
    /// <param name="onlyKeys">Only these series; any other series is neither locked nor claimed. Null for all.</param>
    public Task<IReadOnlyList<SeriesSettings>> ClaimDueAsync(
        string instanceId,
        int batchSize,
        TimeSpan leaseDuration,
        DateTime now,
        IReadOnlyCollection<string>? onlyKeys,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        UtcTime.Require(now);
        return _database.InTransactionAsync(
            async (connection, transaction, token) =>
            {
                IReadOnlyList<SeriesSettings> claimed;
                await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
                {
                    claim.Parameters.AddWithValue("instance", instanceId);
                    claim.Parameters.AddWithValue("now", now);
                    claim.Parameters.AddWithValue("lease", leaseDuration);
                    claim.Parameters.AddWithValue("batch", batchSize);
                    SeriesKeyFilter.AddParameter(claim, onlyKeys);
                    await using var reader = await claim.ExecuteReaderAsync(token).ConfigureAwait(false);
                    claimed = await SeriesRows.ReadAllAsync(reader, token).ConfigureAwait(false);
                }

                if (claimed.Count > 0)
                {
                    await using var orphans = new NpgsqlCommand(
                        """
                        UPDATE forecast_runs
                        SET status = 'failed', finished_at = @now, reason_code = 'lease_expired',
                            error_text = 'The instance running this run lost its lease before finishing.'
                        WHERE status = 'running' AND series_key = ANY(@keys) AND started_at <= @now
                        """,
                        connection,
                        transaction);
                    orphans.Parameters.AddWithValue("now", now);
                    orphans.Parameters.AddWithValue("keys", claimed.Select(series => series.SeriesKey).ToArray());
                    await orphans.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                return claimed;
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// New data arrived (a notification): series with a pending change of their inputs become due at
    /// <paramref name="now"/> (or, with a <c>schedule_interval</c>, once it has passed since their last attempt) with
    /// reason <c>new_data</c>, and so do the notified <paramref name="keys"/> that were never
    /// attempted or whose source has a point newer than the last one seen (a custom source that notifies keys but
    /// does not track changes). Index-only work: the pending-change index and primary-key probes of the notified
    /// keys, so a flood of notifications, whoever sends them, stays cheap. A due time is only ever moved earlier, so
    /// a backoff or an operator's earlier date is never postponed. Returns how many series were moved.
    /// </summary>
    /// <param name="keys">The keys the notifications named; empty when they named none.</param>
    public Task<int> MarkNewDataDueAsync(IReadOnlyCollection<string> keys, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        UtcTime.Require(now);
        return _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(NewDataDueSql, connection);
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("keys", keys.ToArray());
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// Extends this instance's lease to <c>now + leaseDuration</c>. False when the instance no longer holds the
    /// claim (released, or expired and taken by another instance): it should then stop working on the series.
    /// </summary>
    public Task<bool> RenewLeaseAsync(
        string instanceId,
        string seriesKey,
        TimeSpan leaseDuration,
        DateTime now,
        CancellationToken cancellationToken)
    {
        UtcTime.Require(now);
        return ExecuteForClaimAsync(
            $"""
            UPDATE series SET lease_expires_at = @now + @lease, claim_lock_holder = {LockHolder} WHERE series_key =
            @series AND claimed_by = @instance
            """,
            instanceId,
            seriesKey,
            command =>
            {
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("lease", leaseDuration);
            },
            cancellationToken);
    }

    /// <summary>
    /// Releases the claims an earlier process with this instance id left behind (killed with claims in flight), and
    /// fails their runs (<c>lease_expired</c>). Call only while holding the instance's lock (<see cref="InstanceLock"/>)
    /// and before claiming: then no other live process uses the id, and nothing of this process is in flight yet.
    /// Returns how many claims were released.
    /// </summary>
    public Task<int> ReleaseClaimsOfEarlierProcessAsync(string instanceId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        UtcTime.Require(now);
        return _database.InTransactionAsync(
            async (connection, transaction, token) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    WITH released AS (
                        UPDATE series SET claimed_by = NULL, lease_expires_at = NULL, claim_lock_holder = NULL
                        WHERE claimed_by = @instance
                        RETURNING series_key),
                    orphans AS (
                        UPDATE forecast_runs
                        SET status = 'failed', finished_at = @now, reason_code = 'lease_expired',
                            error_text = 'The instance running this run stopped before finishing (it was restarted).'
                        WHERE status = 'running' AND instance_id = @instance AND series_key IN (SELECT series_key FROM released)
                          AND started_at <= @now)
                    SELECT count(*)::int FROM released
                    """,
                    connection,
                    transaction);
                command.Parameters.AddWithValue("instance", instanceId);
                command.Parameters.AddWithValue("now", now);
                return (int)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// Series another instance holds now, which this instance could not take: a live lease, and a holder whose
    /// session is alive (or unknown: a claim made without the instance lock). <paramref name="onlyKeys"/> asks about
    /// those series whether due or not; null asks about every due series.
    /// </summary>
    public Task<IReadOnlyList<HeldSeries>> ListHeldByOthersAsync(
        string instanceId, DateTime now, IReadOnlyCollection<string>? onlyKeys, CancellationToken cancellationToken)
    {
        UtcTime.Require(now);
        var sql = $"""
            SELECT series_key, claimed_by, lease_expires_at FROM series
            WHERE claimed_by IS NOT NULL AND claimed_by <> @instance AND lease_expires_at >= @now AND NOT {HolderGone}
              AND (@only_keys::text[] IS NOT NULL OR (active AND next_due_at <= @now)) AND {SeriesKeyFilter.Sql("series_key")}
            ORDER BY series_key
            """;
        return _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("instance", instanceId);
                command.Parameters.AddWithValue("now", now);
                SeriesKeyFilter.AddParameter(command, onlyKeys);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                var held = new List<HeldSeries>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    held.Add(new HeldSeries(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTime>(2)));
                }

                return (IReadOnlyList<HeldSeries>)held;
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// Gives a claimed series back without ending a run (e.g. at shutdown); it stays due, so another instance can
    /// take it at once. False when this instance did not hold the claim.
    /// </summary>
    public Task<bool> ReleaseClaimAsync(string instanceId, string seriesKey, CancellationToken cancellationToken) =>
        ExecuteForClaimAsync(
            "UPDATE series SET claimed_by = NULL, lease_expires_at = NULL WHERE series_key = @series AND claimed_by = @instance",
            instanceId,
            seriesKey,
            _ => { },
            cancellationToken);

    /// <summary>One series, or null when the key is unknown.</summary>
    public Task<SeriesSettings?> GetSeriesAsync(string seriesKey, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT {SeriesRows.Columns} FROM series WHERE series_key = @series",
                    connection);
                command.Parameters.AddWithValue("series", seriesKey);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return (await SeriesRows.ReadAllAsync(reader, token).ConfigureAwait(false)).SingleOrDefault();
            },
            cancellationToken).AsTask();

    /// <summary>All series, ordered by key.</summary>
    public Task<IReadOnlyList<SeriesSettings>> ListSeriesAsync(CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {SeriesRows.Columns} FROM series ORDER BY series_key", connection);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return await SeriesRows.ReadAllAsync(reader, token).ConfigureAwait(false);
            },
            cancellationToken).AsTask();

    /// <summary>
    /// The one test for "the source has a point newer than any this series was trained or judged on": one index probe
    /// per series, bounded to <see cref="SupportedTimestamps"/> so an <c>infinity</c> row is not new data forever.
    /// </summary>
    private string NewSourcePoints(string alias) => $"""
        EXISTS (SELECT 1 FROM {_source.Relation} p
                WHERE p.{_source.Key} = {alias}.series_key AND p.{_source.Timestamp} {SupportedTimestamps.SqlRange}
                  AND p.{_source.Timestamp} > coalesce(greatest({alias}.last_watermark, {alias}.unfit_watermark), '-infinity'))
        """;

    /// <summary>A maximum age reaching back past year 1 (e.g. TimeSpan.MaxValue: never stale) becomes -infinity.</summary>
    private static DateTime StaleBefore(DateTime now, TimeSpan maxModelAge) =>
        maxModelAge >= now - DateTime.MinValue ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : now - maxModelAge;

    private Task<bool> ExecuteForClaimAsync(
        string sql, string instanceId, string seriesKey, Action<NpgsqlCommand> addParameters, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("series", seriesKey);
                command.Parameters.AddWithValue("instance", instanceId);
                addParameters(command);
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
            },
            cancellationToken).AsTask();
}
