using Forecaster.Data.Access;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Runs;

/// <summary>
/// Run lifecycle: start (status running), then either publish (success: run, forecasts and model in one
/// transaction) or mark (failed, cancelled, skipped). Both endings release this instance's claim on the series.
/// </summary>
public sealed class RunStore
{
    private readonly ForecasterDatabase _database;
    private readonly ILogger _logger;

    public RunStore(ForecasterDatabase database)
    {
        _database = database;
        _logger = database.LoggerFactory.CreateLogger<RunStore>();
    }

    /// <summary>Records a new running run and returns its id. The series must exist in <c>series</c>.</summary>
    public Task<long> StartRunAsync(RunStart start, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO forecast_runs (series_key, instance_id, started_at, seed, window_size, horizon, hyper_parameters)
                    VALUES (@series, @instance, @started, @seed, @window, @horizon, @hyper::jsonb)
                    RETURNING run_id
                    """,
                    connection);
                command.Parameters.AddWithValue("series", start.SeriesKey);
                command.Parameters.AddWithValue("instance", start.InstanceId);
                command.Parameters.AddWithValue("started", UtcTime.Require(start.StartedAt));
                command.Parameters.AddWithValue("seed", start.Seed);
                command.Parameters.AddWithValue("window", start.WindowSize);
                command.Parameters.AddWithValue("horizon", start.Horizon);
                command.Parameters.AddWithValue("hyper", NpgsqlDbType.Text, (object?)start.HyperParametersJson ?? DBNull.Value);
                return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
            },
            cancellationToken).AsTask();

    /// <summary>
    /// Ends a running run without publishing, releases the claim and sets the series' next due time — the
    /// series part only while this instance holds the claim or nobody does. Returns false when the run had
    /// already ended (e.g. a failed publish marks its run itself): the run keeps its recorded ending, but the
    /// series still gets <see cref="RunOutcome.NextDueAt"/>, so a caller's retry backoff applies either way.
    /// With <see cref="RunOutcome.Unfit"/> the series records the verdict (reason, detail, time, inputs judged), and a
    /// skipped run is deleted instead of kept: waiting for data is the series' state, not an event worth a run row.
    /// </summary>
    public Task<bool> MarkRunAsync(RunOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status is RunStatus.Running or RunStatus.Succeeded)
        {
            throw new ArgumentException("A run is marked failed, cancelled or skipped; success is published.", nameof(outcome));
        }

        var deleteRun = outcome.Unfit is not null && outcome.Status == RunStatus.Skipped;
        return _database.InTransactionAsync(
            async (connection, transaction, token) =>
            {
                await using var run = new NpgsqlCommand(
                    deleteRun
                        ? "DELETE FROM forecast_runs WHERE run_id = @run AND status = 'running'"
                        : """
                          UPDATE forecast_runs
                          SET status = @status, finished_at = @finished, reason_code = @reason, error_text = @error
                          WHERE run_id = @run AND status = 'running'
                          """,
                    connection,
                    transaction);
                run.Parameters.AddWithValue("status", outcome.Status.ToText());
                run.Parameters.AddWithValue("finished", UtcTime.Require(outcome.FinishedAt));
                run.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)outcome.ReasonCode ?? DBNull.Value);
                run.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)outcome.ErrorText ?? DBNull.Value);
                run.Parameters.AddWithValue("run", outcome.RunId);
                var ended = await run.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
                if (outcome.Unfit is { } unfit)
                {
                    await RecordUnfitAsync(connection, transaction, outcome, unfit, token).ConfigureAwait(false);
                }

                await ReleaseSeriesAsync(connection, transaction, outcome.SeriesKey, outcome.InstanceId, outcome.NextDueAt, token)
                    .ConfigureAwait(false);
                return ended;
            },
            cancellationToken).AsTask();
    }

    /// <summary>
    /// Publishes a successful run in one transaction: the run becomes succeeded, its forecasts are written
    /// (binary COPY), the model is stored as the series' next version, and the series points at this run,
    /// advances its watermark, gets its next due time and loses the claim. If anything fails (or is cancelled)
    /// none of it is visible; the run is then marked failed (or cancelled) and the exception rethrown.
    /// Returns the stored model version.
    /// </summary>
    /// <exception cref="LeaseLostException">Another instance has claimed the series meanwhile.</exception>
    public async Task<int> PublishRunAsync(RunPublication publication, CancellationToken cancellationToken)
    {
        try
        {
            return await _database.InTransactionAsync(
                    (connection, transaction, token) => RunPublisher.PublishAsync(connection, transaction, publication, token),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var cancelled = ex is OperationCanceledException;
            var outcome = new RunOutcome(
                publication.RunId,
                publication.SeriesKey,
                publication.InstanceId,
                cancelled ? RunStatus.Cancelled : RunStatus.Failed,
                publication.FinishedAt,
                ex is LeaseLostException ? "lease_lost" : cancelled ? "publish_cancelled" : "publish_failed",
                ex.Message);
            DataLog.PublishFailed(_logger, ex, publication.RunId, publication.SeriesKey, outcome.Status.ToText());

            // The caller's token may be the reason we are here; recording the outcome must not depend on it.
            // If recording fails too (database gone), the publish failure is still what the caller must see;
            // the run stays "running" until the next claim of the series marks it failed (lease_expired).
            try
            {
                using var recordTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await MarkRunAsync(outcome, recordTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception recordFailure) when (recordFailure is NpgsqlException or OperationCanceledException)
            {
                DataLog.RecordingOutcomeFailed(_logger, recordFailure, publication.RunId, publication.SeriesKey);
            }

            throw;
        }
    }

    /// <summary>The recorded state of one run, or null when there is no such run.</summary>
    public Task<RunSummary?> GetRunAsync(long runId, CancellationToken cancellationToken) =>
        _database.WithConnectionAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT run_id, series_key, status, instance_id, started_at, finished_at, reason_code, error_text,
                           data_watermark, model_version
                    FROM forecast_runs WHERE run_id = @run
                    """,
                    connection);
                command.Parameters.AddWithValue("run", runId);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                if (!await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    return null;
                }

                return new RunSummary(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    RunStatusText.Parse(reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTime>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTime>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTime>(8),
                    reader.IsDBNull(9) ? null : reader.GetInt32(9));
            },
            cancellationToken).AsTask();

    private static async Task RecordUnfitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RunOutcome outcome, UnfitInputs unfit, CancellationToken token)
    {
        await using var series = new NpgsqlCommand(
            """
            UPDATE series
            SET unfit_at = @finished, unfit_watermark = @watermark, unfit_reason = @reason, unfit_detail = @error,
                attempted_version = greatest(attempted_version, @inputs_version)
            WHERE series_key = @series AND (claimed_by IS NULL OR claimed_by = @instance)
            """,
            connection,
            transaction);
        series.Parameters.AddWithValue("finished", UtcTime.Require(outcome.FinishedAt));
        series.Parameters.AddWithValue(
            "watermark",
            NpgsqlDbType.TimestampTz,
            unfit.Watermark is { } watermark ? UtcTime.Require(watermark) : DBNull.Value);
        series.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)outcome.ReasonCode ?? DBNull.Value);
        series.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)outcome.ErrorText ?? DBNull.Value);
        series.Parameters.AddWithValue("inputs_version", unfit.InputsVersion);
        series.Parameters.AddWithValue("series", outcome.SeriesKey);
        series.Parameters.AddWithValue("instance", outcome.InstanceId);
        await series.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    internal static async Task ReleaseSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string seriesKey, string instanceId, DateTime? nextDueAt,
        CancellationToken token)
    {
        await using var series = new NpgsqlCommand(
            """
            UPDATE series
            SET claimed_by = NULL, lease_expires_at = NULL, due_reason = NULL, next_due_at = @next
            WHERE series_key = @series AND (claimed_by IS NULL OR claimed_by = @instance)
            """,
            connection,
            transaction);
        series.Parameters.AddWithValue("next", NpgsqlDbType.TimestampTz, nextDueAt is { } next ? UtcTime.Require(next) : DBNull.Value);
        series.Parameters.AddWithValue("series", seriesKey);
        series.Parameters.AddWithValue("instance", instanceId);
        await series.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }
}
