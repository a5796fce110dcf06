using System.Reflection;
using Forecaster.Data.Migrations;
using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Forecaster.Host.Hosting;

/// <summary>
/// Runs before any other hosted service: migrates (when configured) and checks the price source against
/// the catalog, so a typo in a column name stops start-up with a message instead of failing every series.
/// </summary>
internal sealed class StartupChecks(
    IOptions<DatabaseOptions> database,
    PriceSource source,
    InstanceIdentity instance,
    ILogger<StartupChecks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = database.Value.ConnectionString;
        HostLog.Starting(logger, BuildVersion, instance.Id, ConnectionStrings.Redact(connectionString));
        try
        {
            if (database.Value.MigrateOnStart)
            {
                var result = await DatabaseMigrator.MigrateAsync(connectionString, cancellationToken, logger);
                HostLog.Migrated(logger, result.Applied.Count);
            }

            await source.VerifyAsync(cancellationToken);
        }
        catch (PriceSourceException e)
        {
            throw new StartupCheckException($"{SourceOptionsValidator.SectionName}: {e.Message}", e);
        }
        catch (NpgsqlException e)
        {
            throw new StartupCheckException($"database {ConnectionStrings.Redact(connectionString)}: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Informational version with the commit the SDK appends (<c>0.1.0+sha</c>).</summary>
    public static string BuildVersion { get; } =
        typeof(StartupChecks).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
