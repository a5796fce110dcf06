using Forecaster.Data;
using Forecaster.Data.Access;
using Forecaster.Host.Accuracy;
using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Forecaster.Host.Startup;
using Forecaster.Host.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Hosting;

/// <summary>
/// Composes the host every verb runs in; only <c>run</c> adds the schedule
/// (<see cref="Scheduling.ServiceRegistration"/>).
/// </summary>
public static class ForecasterHost
{
    /// <param name="configurationArguments">Command-line configuration overrides, highest precedence.</param>
    public static HostApplicationBuilder CreateBuilder(IEnumerable<string> configurationArguments)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. configurationArguments],

            // A service starts in / (systemd) or System32 (Windows); appsettings.json lives beside the binary.
            ContentRootPath = AppContext.BaseDirectory,
        });
        var services = builder.Services;
        services.AddSystemd();
        services.AddWindowsService();
        services.TryAddSingleton(TimeProvider.System);
        services.AddForecasterOptions();

        // Read unvalidated: the host reads HostOptions while it is built, before validation can report every section.
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) =>
            host.ShutdownTimeout = (configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions())
                .ShutdownTimeout);
        services.AddForecasterTelemetry(builder.Configuration);

        services.TryAddSingleton<IDatabaseFailureObserver>(provider => provider.GetRequiredService<ForecasterTelemetry>());
        services.AddForecasterData(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString);
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<SeriesProcessor>();
        services.AddSingleton<CycleRunner>();
        services.AddSingleton<CycleActivity>();
        services.AddLiveAccuracy();

        // First hosted service: nothing else may touch the database before it is migrated and checked.
        services.AddSingleton<StartupGate>();
        services.TryAddSingleton(new StartupMode(WaitForDatabase: false));
        services.AddHostedService<StartupChecks>();
        return builder;
    }

    /// <summary>
    /// Builds the host and validates every options section at once, and every key under <c>Forecaster:</c> against
    /// the sections that read them. The host would validate too, but only after constructing services that read
    /// their options, so the first bad section would hide the others.
    /// </summary>
    /// <exception cref="OptionsValidationException">Every failure of every section, and every unknown key.</exception>
    public static IHost BuildValidated(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var host = builder.Build();
        try
        {
            var failures = UnknownSettings.Find(
                host.Services.GetRequiredService<IConfiguration>(),
                [.. host.Services.GetServices<SettingsSection>()]).ToList();
            try
            {
                host.Services.GetRequiredService<IStartupValidator>().Validate();
            }
            catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
            {
                failures.AddRange(e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures));
            }

            return failures.Count == 0 ? host : throw new OptionsValidationException(Options.DefaultName, typeof(ForecasterHost), failures);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
