using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Scheduling;

/// <summary>
/// Listens on the <c>forecaster_new_data</c> channel (migration V5) over one dedicated connection. No retries here:
/// a lost connection ends <see cref="ListenAsync"/> with its exception, and the caller decides how to back off.
/// </summary>
public sealed class NewDataListener(ForecasterDatabase database)
{
    public const string Channel = "forecaster_new_data";

    /// <summary>
    /// Opens a connection, subscribes, calls <paramref name="onListening"/> (notifications sent while nobody listened
    /// are lost, so the caller catches up there), then calls <paramref name="onNewData"/> for each batch of
    /// notifications: the notified keys, or null when a notification carried no key (too many keys at once).
    /// Every <paramref name="keepAlive"/> without traffic it pings the server, so a silently dead connection is noticed.
    /// Returns only through cancellation or the failure that ended the connection.
    /// </summary>
    public async Task ListenAsync(
        Func<CancellationToken, Task> onListening,
        Func<IReadOnlyCollection<string>?, CancellationToken, Task> onNewData,
        TimeSpan keepAlive,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var received = new List<string>();
        connection.Notification += (_, notification) => received.Add(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await onListening(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (!await connection.WaitAsync(keepAlive, cancellationToken).ConfigureAwait(false))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            // The handler runs inside WaitAsync (and the ping), on this same flow, so the list is never shared.
            if (received.Count > 0)
            {
                IReadOnlyCollection<string>? keys = received.Contains("") ? null : received.Distinct(StringComparer.Ordinal).ToArray();
                received.Clear();
                await onNewData(keys, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
