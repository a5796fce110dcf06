namespace Forecaster.Host.Cycle;

/// <summary>
/// Whether this instance is in a cycle or a drain of the due queue now, and how long ago it last finished one
/// (since start when none has finished yet): an idle instance polls the queue every poll interval, so a long
/// silence means its work loop is stuck or every attempt fails.
/// </summary>
public sealed class CycleActivity(TimeProvider time)
{
    private readonly TimeProvider time = time;
    private readonly long started = time.GetTimestamp();
    private long lastFinished;
    private int running;

    public bool Running => Volatile.Read(ref running) > 0;

    public TimeSpan SinceLastFinished => time.GetElapsedTime(Interlocked.Read(ref lastFinished) is var last and not 0 ? last : started);

    /// <summary>Marks a cycle or drain as running until the pass is disposed; <see cref="Pass.Completed"/> records that it finished.</summary>
    public Pass Begin()
    {
        Interlocked.Increment(ref running);
        return new Pass(this);
    }

    public sealed class Pass(CycleActivity activity) : IDisposable
    {
        public void Completed() => Interlocked.Exchange(ref activity.lastFinished, activity.time.GetTimestamp());

        public void Dispose() => Interlocked.Decrement(ref activity.running);
    }
}
