using Forecaster.Data.Access;
using Npgsql;
using NpgsqlTypes;

namespace Forecaster.Data.Backtests;

/// <summary>Stores a backtest's rows under a new backtest id in one transaction (all rows or none).</summary>
public sealed class BacktestStore(ForecasterDatabase database)
{
    /// <returns>The new backtest id.</returns>
    public Task<long> SaveAsync(
        DateTime startedAtUtc,
        double level,
        IEnumerable<StoredBacktestRow> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var startedAt = UtcTime.Require(startedAtUtc);
        return database.InTransactionAsync(
            async (connection, _, token) =>
            {
                await using var next = new NpgsqlCommand("SELECT nextval('backtest_id_seq')", connection);
                var backtestId = (long)(await next.ExecuteScalarAsync(token).ConfigureAwait(false))!;
                await using var writer = await connection.BeginBinaryImportAsync(
                    """
                    COPY backtests (backtest_id, started_at, series_key, origin_ts, step, target_ts, method, forecast,
                    lower, upper, actual, interval_level) FROM STDIN (FORMAT BINARY)
                    """,
                    token).ConfigureAwait(false);
                foreach (var row in rows)
                {
                    await writer.StartRowAsync(token).ConfigureAwait(false);
                    await writer.WriteAsync(backtestId, NpgsqlDbType.Bigint, token).ConfigureAwait(false);
                    await writer.WriteAsync(startedAt, NpgsqlDbType.TimestampTz, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.SeriesKey, NpgsqlDbType.Text, token).ConfigureAwait(false);
                    await writer.WriteAsync(UtcTime.Require(row.OriginTs), NpgsqlDbType.TimestampTz, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.Step, NpgsqlDbType.Integer, token).ConfigureAwait(false);
                    await writer.WriteAsync(UtcTime.Require(row.TargetTs), NpgsqlDbType.TimestampTz, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.Method, NpgsqlDbType.Text, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.Forecast, NpgsqlDbType.Double, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.Lower, NpgsqlDbType.Double, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.Upper, NpgsqlDbType.Double, token).ConfigureAwait(false);
                    await writer.WriteAsync(row.Actual, NpgsqlDbType.Double, token).ConfigureAwait(false);
                    await writer.WriteAsync(level, NpgsqlDbType.Double, token).ConfigureAwait(false);
                }

                await writer.CompleteAsync(token).ConfigureAwait(false);
                return backtestId;
            },
            cancellationToken).AsTask();
    }
}
