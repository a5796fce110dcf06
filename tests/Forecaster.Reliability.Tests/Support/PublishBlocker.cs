using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests.Support;

/// <summary>
/// Holds a SHARE lock on <c>forecasts</c>: reads go on, but the publish transaction's COPY into forecasts waits,
/// after it has already marked its run succeeded inside the transaction. That is a deterministic "in the
/// middle of publishing" to kill or cut a service at.
/// </summary>
internal sealed class PublishBlocker : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString;
    private NpgsqlTransaction? _transaction;

    private PublishBlocker(string connectionString)
    {
        _connectionString = connectionString;
        _connection = new NpgsqlConnection(connectionString);
    }

    public static async Task<PublishBlocker> HoldAsync(string connectionString)
    {
        var blocker = new PublishBlocker(connectionString);
        await blocker._connection.OpenAsync();
        blocker._transaction = await blocker._connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE forecasts IN SHARE MODE", blocker._connection, blocker._transaction);
        await command.ExecuteNonQueryAsync();
        return blocker;
    }

    /// <summary>The backend pid of a publish waiting on the lock, other than <paramref name="except"/>.</summary>
    public async Task<int> WaitForBlockedPublishAsync(TimeSpan timeout, int? except = null)
    {
        return await Eventually.WaitForAsync(
            async () =>
            {
                // A fresh connection each time: inside one transaction pg_stat_activity is a frozen snapshot.
                await using var probe = new NpgsqlConnection(_connectionString);
                await probe.OpenAsync();
                await using var command = new NpgsqlCommand(
                    """
                    SELECT pid FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY forecasts%'
                      AND pid <> coalesce(@except, 0)
                    """,
                    probe);
                command.Parameters.AddWithValue("except", (object?)except ?? DBNull.Value);
                return await command.ExecuteScalarAsync() is int found ? found : (int?)null;
            },
            timeout,
            "a publish blocked on the forecasts lock");
    }

    public async Task ReleaseAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
