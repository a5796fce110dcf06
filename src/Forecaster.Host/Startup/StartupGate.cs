namespace Forecaster.Host.Startup;

/// <summary>
/// Opens once the database is reachable, migrated and its price source checked (<see cref="Hosting.StartupChecks"/>).
/// The service's database work (scheduler, poller, listener, data-lag monitor) waits on it, so the service can
/// start, serve its probes and wait out a database that is not up yet.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Why start-up gave up: a <see cref="StartupCheckException"/> for a configuration error, anything else for a
    /// defect; null while it waits or once it succeeded.
    /// </summary>
    public Exception? Failure { get; private set; }

    public bool IsOpen => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the gate opens; after a <see cref="Failure"/> only the caller's token ends the wait.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void Open() => _ready.TrySetResult();

    internal void Fail(Exception failure) => Failure = failure;
}
