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
    private readonly NpgsqlConnection connection;
    private readonly string connectionString;
    private NpgsqlTransaction? transaction;

    private PublishBlocker(string connectionString)
    {
        this.connectionString = connectionString;
        connection = new NpgsqlConnection(connectionString);
    }

    public static async Task<PublishBlocker> HoldAsync(string connectionString)
    {
        var blocker = new PublishBlocker(connectionString);
        await blocker.connection.OpenAsync();
        blocker.transaction = await blocker.connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE forecasts IN SHARE MODE", blocker.connection, blocker.transaction);
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
                await using var probe = new NpgsqlConnection(connectionString);
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
        if (transaction is not null)
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await connection.DisposeAsync();
    }
}
