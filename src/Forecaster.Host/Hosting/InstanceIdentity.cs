using Forecaster.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Hosting;

/// <summary>The name this instance writes on claims and runs, so operators can tell instances apart.</summary>
public sealed class InstanceIdentity(IOptions<WorkerOptions> workers)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(workers.Value.InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}"
        : workers.Value.InstanceId;
}
