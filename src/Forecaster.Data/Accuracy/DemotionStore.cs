using Forecaster.Data.Access;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Accuracy;

/// <summary>
/// The data side of live-accuracy demotion: the candidate's recent scored steps per series (published or shadow, through
/// the per-series target index), the series' demotion state, and recording what was decided. A change of state makes
/// the series due at once, so the cycle that decided it retrains it and publishes accordingly.
/// </summary>
public sealed class DemotionStore
{
    internal const string EvidenceSql =
        $"""
        SELECT k.key, a.demoted_since, r.step, r.difference, r.since_demotion
        FROM unnest(@keys) AS k(key)
        LEFT JOIN series_accuracy a ON a.series_key = k.key
        LEFT JOIN LATERAL (
            SELECT sc.step, sc.target_ts, sc.scaled_error - sc.naive_scaled_error AS difference,
                   coalesce(ru.finished_at >= a.demoted_since, false) AS since_demotion
            FROM forecast_scores sc
            JOIN forecast_runs ru ON ru.run_id = sc.run_id
            WHERE sc.series_key = k.key AND sc.method IN {ScoreSheet.CandidateMethods} AND sc.status = 'scored'
              AND sc.scaled_error IS NOT NULL AND sc.naive_scaled_error IS NOT NULL
            ORDER BY sc.target_ts DESC, sc.step DESC
            LIMIT @window
        ) r ON true
        ORDER BY k.key, r.target_ts, r.step
        """;

    private const string Judged
        = "unnest(@keys, @changes, @points, @statistics, @p_values) AS j(series_key, change, points, statistic, p_value)";

    /// <summary>Every evaluation is recorded; a change of state also flips the demotion and makes the series due.</summary>
    private const string RecordSql = $"""
        INSERT INTO series_accuracy AS a (series_key, evaluated_at, evaluated_points, evaluated_statistic, evaluated_p_value)
        SELECT j.series_key, @now, j.points, j.statistic, j.p_value FROM {Judged}
        ON CONFLICT (series_key) DO UPDATE SET
            evaluated_at = EXCLUDED.evaluated_at, evaluated_points = EXCLUDED.evaluated_points,
            evaluated_statistic = EXCLUDED.evaluated_statistic, evaluated_p_value = EXCLUDED.evaluated_p_value;

        UPDATE series_accuracy a
        SET demoted_since = CASE j.change WHEN 'demote' THEN @now END,
            demotion_reason = CASE j.change WHEN 'demote' THEN @reason END
        FROM {Judged}
        WHERE a.series_key = j.series_key AND j.change <> 'none';

        UPDATE series s
        SET next_due_at = least(coalesce(s.next_due_at, @now), @now),
            due_reason = CASE j.change WHEN 'demote' THEN 'demoted' ELSE 'reinstated' END
        FROM {Judged}
        WHERE s.series_key = j.series_key AND j.change <> 'none' AND s.active
        """;

    private readonly ForecasterDatabase _database;

    public DemotionStore(ForecasterDatabase database) => _database = database;

    /// <summary>Whether the series currently publishes a baseline for its live accuracy.</summary>
    public Task<bool> IsDemotedAsync(string seriesKey, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT EXISTS (SELECT 1 FROM series_accuracy WHERE series_key = @series AND demoted_since IS NOT NULL)", connection);
                command.Parameters.AddWithValue("series", seriesKey);
                return (bool)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
            },
            cancellationToken).AsTask();

    /// <summary>Per series: whether demoted, and the network's last <paramref name="window"/> scored steps in target order.</summary>
    public Task<IReadOnlyList<DemotionEvidence>> ReadEvidenceAsync(
        IReadOnlyCollection<string> seriesKeys,
        int window,
        CancellationToken cancellationToken) =>
        _database.WithConnectionAsync<IReadOnlyList<DemotionEvidence>>(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(EvidenceSql, connection);
                command.Parameters.AddWithValue("keys", seriesKeys.ToArray());
                command.Parameters.AddWithValue("window", window);
                var evidence = new List<DemotionEvidence>();
                var steps = new List<NetworkStep>();
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    var key = reader.GetString(0);
                    if (evidence.Count == 0 || evidence[^1].SeriesKey != key)
                    {
                        steps = [];
                        evidence.Add(new DemotionEvidence(key, reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTime>(1), steps));
                    }

                    if (!reader.IsDBNull(2))
                    {
                        steps.Add(new NetworkStep(reader.GetInt32(2), reader.GetDouble(3), reader.GetBoolean(4)));
                    }
                }

                return evidence;
            },
            cancellationToken).AsTask();

    /// <summary>
    /// Records each evaluation on its series; a demotion or reinstatement also sets or clears <c>demoted_since</c> and
    /// makes the series due at <paramref name="now"/> (reason <c>demoted</c> or <c>reinstated</c>).
    /// </summary>
    public Task RecordAsync(IReadOnlyList<DemotionRecord> records, DateTime now, CancellationToken cancellationToken)
    {
        UtcTime.Require(now);
        return _database.InTransactionAsync(
            async (connection, transaction, token) =>
            {
                await using var command = new NpgsqlCommand(RecordSql, connection, transaction);
                command.Parameters.AddWithValue("keys", records.Select(r => r.SeriesKey).ToArray());
                command.Parameters.AddWithValue("changes", records.Select(r => r.Change).ToArray());
                command.Parameters.AddWithValue("points", records.Select(r => r.Points).ToArray());
                command.Parameters.AddWithValue(
                    "statistics",
                    NpgsqlDbType.Array | NpgsqlDbType.Double,
                    records.Select(r => Finite(r.Statistic)).ToArray());
                command.Parameters
                    .AddWithValue("p_values", NpgsqlDbType.Array | NpgsqlDbType.Double, records.Select(r => Finite(r.PValue)).ToArray());
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("reason", DemotionRecord.Reason);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken).AsTask();
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>
/// One scored step of the network: its step, |e| − |e_naive| in naive-scale units, and whether it was forecast after
/// the demotion.
/// </summary>
public readonly record struct NetworkStep(int Step, double Difference, bool SinceDemotion);

/// <summary>A series' demotion state and the network's recent scored steps, oldest target first.</summary>
public sealed record DemotionEvidence(string SeriesKey, DateTime? DemotedSince, IReadOnlyList<NetworkStep> Steps);

/// <summary>An evaluation to record: <see cref="Change"/> is <c>none</c>, <c>demote</c> or <c>reinstate</c>.</summary>
public sealed record DemotionRecord(string SeriesKey, string Change, int Points, double Statistic, double PValue)
{
    public const string Reason = "live errors worse than naive's on the same steps (one-sided Diebold-Mariano test)";
}
