using System.Threading.Channels;

namespace Forecaster.Host.Scheduling;

/// <summary>
/// Wakes this instance's <see cref="DueSeriesPoller"/> before its next tick. Raises coalesce into one pending
/// wake-up that survives a drain in progress, so a series made due while the workers finish is never left waiting.
/// </summary>
internal sealed class DrainSignal
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => _pending.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pending.Reader.ReadAsync(cancellationToken);
}
