namespace Forecaster.Host.Cycle;

/// <summary>
/// Whether this instance is in a cycle or a drain of the due queue now, and how long ago it last finished one
/// (since start when none has finished yet): an idle instance polls the queue every poll interval, so a long
/// silence means its work loop is stuck or every attempt fails.
/// </summary>
public sealed class CycleActivity(TimeProvider time)
{
    private readonly TimeProvider _time = time;
    private readonly long _started = time.GetTimestamp();
    private long _lastFinished;
    private int _running;

    public bool Running => Volatile.Read(ref _running) > 0;

    public TimeSpan SinceLastFinished => _time.GetElapsedTime(Interlocked.Read(ref _lastFinished) is var last and not 0 ? last : _started);

    /// <summary>
    /// Marks a cycle or drain as running until the pass is disposed; <see cref="Pass.Completed"/> records that it
    /// finished.
    /// </summary>
    public Pass Begin()
    {
        Interlocked.Increment(ref _running);
        return new Pass(this);
    }

    public sealed class Pass(CycleActivity activity) : IDisposable
    {
        public void Completed() => Interlocked.Exchange(ref activity._lastFinished, activity._time.GetTimestamp());

        public void Dispose() => Interlocked.Decrement(ref activity._running);
    }
}
