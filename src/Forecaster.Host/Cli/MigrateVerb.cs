using System.CommandLine;
using Forecaster.Data.Access;
using Forecaster.Data.Migrations;
using Forecaster.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Cli;

internal static class MigrateVerb
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations (schema, Quartz store, roles), then exit.");
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(
            parseResult,
            configure: null,
            async (host, output, token) =>
            {
                var connectionString = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
                await output.WriteLineAsync($"Migrating {ConnectionStringSecrets.Redact(connectionString)}");
                var result = await DatabaseMigrator.MigrateAsync(connectionString, token);
                await output.WriteLineAsync(
                    result.Applied.Count == 0 ? "Already up to date." : "Applied: " + string.Join(", ", result.Applied));
                return VerbHost.Success;
            },
            cancellationToken));
        return command;
    }
}
