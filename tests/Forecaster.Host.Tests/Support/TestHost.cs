using Forecaster.Host.Cycle;
using Forecaster.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Tests.Support;

/// <summary>
/// A real service host (the one the CLI builds) over a test database, with training shrunk so a cycle takes
/// seconds. No Prometheus listener: several hosts share the process.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const int Horizon = Testing.SmallTraining.Horizon;

    private TestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public CycleRunner Runner => Services.GetRequiredService<CycleRunner>();

    public static Dictionary<string, string?> SmallTraining(string connectionString, string instanceId)
    {
        var settings = Testing.SmallTraining.Settings(instanceId);
        settings["ConnectionStrings:Forecaster"] = connectionString;
        return settings;
    }

    /// <summary>Builds and starts a host; <paramref name="overrides"/> win over the small-training defaults.</summary>
    public static async Task<TestHost> StartAsync(
        string connectionString,
        string instanceId,
        IReadOnlyDictionary<string, string?>? overrides = null,
        TimeProvider? timeProvider = null,
        Action<HostApplicationBuilder>? configure = null)
    {
        var settings = SmallTraining(connectionString, instanceId);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // Passed as command-line arguments, exactly as an operator would override settings.
        var builder = ForecasterHost.CreateBuilder(settings.Select(setting => $"--{setting.Key}={setting.Value}"));
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        configure?.Invoke(builder);

        var host = builder.BuildValidated();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestHost(host);
    }

    public Task<CycleSummary> RunCycleAsync(CancellationToken cancellationToken = default) =>
        Runner.RunCycleAsync("test", progress: null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
