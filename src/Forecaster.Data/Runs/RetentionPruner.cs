using Forecaster.Data.Access;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Runs;

/// <summary>Deletes old runs; their forecasts and models go with them (foreign keys cascade).</summary>
public sealed class RetentionPruner
{
    private readonly ForecasterDatabase _database;
    private readonly ILogger _logger;

    public RetentionPruner(ForecasterDatabase database)
    {
        _database = database;
        _logger = database.LoggerFactory.CreateLogger<RetentionPruner>();
    }

    /// <summary>Applies <paramref name="policy"/> as of <paramref name="now"/>; returns how many runs were deleted.</summary>
    public async Task<int> PruneAsync(RetentionPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(policy.KeepRunsPerSeries);
        UtcTime.Require(now);
        var deleted = await _database.WithConnectionAsync(
                async (connection, token) =>
                {
                    await using var command = new NpgsqlCommand(
                        """
                        WITH ranked AS (
                            SELECT run_id, started_at,
                                   row_number() OVER (PARTITION BY series_key ORDER BY run_id DESC) AS newest_rank
                            FROM forecast_runs
                            WHERE status <> 'running')
                        DELETE FROM forecast_runs r
                        USING ranked
                        WHERE r.run_id = ranked.run_id
                          AND (ranked.newest_rank > @keep OR ranked.started_at < @cutoff)
                          AND NOT EXISTS (SELECT 1 FROM series s WHERE s.latest_run_id = r.run_id)
                        """,
                        connection);
                    command.Parameters.AddWithValue("keep", policy.KeepRunsPerSeries);
                    command.Parameters.AddWithValue(
                        "cutoff", NpgsqlDbType.TimestampTz, policy.MaxAge is { } age ? now - age : DBNull.Value);
                    return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                },
                cancellationToken)
            .ConfigureAwait(false);
        DataLog.Pruned(_logger, deleted);
        return deleted;
    }
}
