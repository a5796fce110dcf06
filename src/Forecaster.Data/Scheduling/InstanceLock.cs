using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Scheduling;

/// <summary>
/// The session-level advisory lock of one instance id (migration V7), held on a connection of its own for as long as
/// the instance runs. While it is held, the instance's claims last for their lease; once the session ends (the process
/// was killed or crashed, the server dropped the connection) other instances may take them at once.
/// </summary>
public sealed class InstanceLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _instanceId;

    private InstanceLock(NpgsqlConnection connection, string instanceId)
    {
        _connection = connection;
        _instanceId = instanceId;
    }

    /// <summary>The lock, or null when another session holds it (a second process with the same instance id).</summary>
    public static async Task<InstanceLock?> TryAcquireAsync(
        ForecasterDatabase database, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT forecaster_try_lock_instance(@instance)", connection);
            command.Parameters.AddWithValue("instance", instanceId);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new InstanceLock(connection, instanceId);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Whether the session holding the lock still answers; false means the lock is gone with it.</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", _connection);
            await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Releases the lock and the connection. The connection goes back to the pool, whose reset would release the lock
    /// too; releasing it first does not depend on that setting.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT forecaster_unlock_instance(@instance)", _connection);
            unlock.Parameters.AddWithValue("instance", _instanceId);
            await unlock.ExecuteScalarAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its lock with it.
        }
        catch (InvalidOperationException)
        {
            // The connection is already broken or closed: nothing is held.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
