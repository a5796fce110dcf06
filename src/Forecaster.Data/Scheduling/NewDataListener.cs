using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Scheduling;

/// <summary>
/// Listens on the <c>forecaster_new_data</c> channel (migrations V5 and V8_1) over one dedicated connection. No retries
/// here: a lost connection ends <see cref="ListenAsync"/> with its exception, and the caller decides how to back off.
/// Any login can NOTIFY any channel (PostgreSQL has no privilege for it), so a notification is only a hint: it is
/// cheap to receive, and notifications are coalesced into at most one batch per <see cref="MinimumBatchInterval"/>.
/// </summary>
public sealed class NewDataListener(ForecasterDatabase database, TimeProvider? timeProvider = null)
{
    public const string Channel = "forecaster_new_data";

    /// <summary>Keys remembered per batch; a flood of made-up keys costs no more memory or work than this many.</summary>
    public const int MaxKeysPerBatch = 1000;

    /// <summary>A flood of notifications becomes at most one batch (one index-only query) per this interval.</summary>
    public static readonly TimeSpan MinimumBatchInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Opens a connection, subscribes, calls <paramref name="onListening"/> (notifications sent while nobody listened
    /// are lost, so the caller catches up there), then calls <paramref name="onNewData"/> for each batch of
    /// notifications with the distinct keys they named (empty when none did, e.g. the V8_1 triggers). The first
    /// notification after a quiet spell is delivered at once; what follows within <see cref="MinimumBatchInterval"/>
    /// waits for the next batch. Every <paramref name="keepAlive"/> without traffic it pings the server, so a
    /// silently dead connection is noticed. Returns only through cancellation or the failure that ended the connection.
    /// </summary>
    public async Task ListenAsync(
        Func<CancellationToken, Task> onListening,
        Func<IReadOnlyCollection<string>, CancellationToken, Task> onNewData,
        TimeSpan keepAlive,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var batch = new NotificationBatch();
        connection.Notification += (_, notification) => batch.Add(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await onListening(cancellationToken).ConfigureAwait(false);
        long? lastDelivery = null;
        while (true)
        {
            // The handler runs inside WaitAsync (and the ping), on this same flow, so the batch is never shared.
            var sinceDelivery = lastDelivery is { } last ? _time.GetElapsedTime(last) : TimeSpan.MaxValue;
            if (batch.Pending && sinceDelivery >= MinimumBatchInterval)
            {
                lastDelivery = _time.GetTimestamp();
                await onNewData(batch.Take(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Pending: collect until the interval has passed (at least a millisecond: Npgsql reads 0 as "forever").
            var wait = batch.Pending ? Max(MinimumBatchInterval - sinceDelivery, TimeSpan.FromMilliseconds(1)) : keepAlive;
            if (!await connection.WaitAsync(wait, cancellationToken).ConfigureAwait(false) && !batch.Pending)
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Notifications received since the last delivery: whether any came, and the first distinct keys they named.</summary>
    private sealed class NotificationBatch
    {
        private HashSet<string> _keys = new(StringComparer.Ordinal);

        public bool Pending { get; private set; }

        public void Add(string payload)
        {
            Pending = true;
            if (payload.Length > 0 && _keys.Count < MaxKeysPerBatch)
            {
                _keys.Add(payload);
            }
        }

        public HashSet<string> Take()
        {
            var keys = _keys;
            _keys = new HashSet<string>(StringComparer.Ordinal);
            Pending = false;
            return keys;
        }
    }
}
