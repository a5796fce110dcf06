using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>The name this instance writes on claims and runs, so operators can tell instances apart.</summary>
public sealed class InstanceIdentity(IOptions<WorkerOptions> workers)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(workers.Value.InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}"
        : workers.Value.InstanceId;
}
