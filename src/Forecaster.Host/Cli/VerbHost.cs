using System.CommandLine;
using Forecaster.Data.Migrations;
using Forecaster.Host.Configuration;
using Forecaster.Host.Hosting;
using Forecaster.Host.Startup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Forecaster.Host.Cli;

/// <summary>Builds the host for a verb and turns start-up failures into a readable message and an exit code.</summary>
internal static class VerbHost
{
    public const int Success = 0;
    public const int SomeSeriesFailed = 2;
    public const int Cancelled = 130;

    /// <summary>sysexits EX_USAGE: an unknown verb or option, or a missing argument.</summary>
    public const int UsageError = 64;

    /// <summary>sysexits EX_DATAERR: an input file is malformed.</summary>
    public const int InvalidInput = 65;

    /// <summary>sysexits EX_SOFTWARE: an unexpected error ended the service's start (a defect; the log has the details).</summary>
    public const int InternalError = 70;

    /// <summary>sysexits EX_CANTCREAT: an output file named on the command line cannot be written.</summary>
    public const int CannotCreateOutput = 73;

    /// <summary>sysexits EX_TEMPFAIL: train could not take a series another live instance holds; try again later.</summary>
    public const int HeldByAnotherInstance = 75;

    /// <summary>sysexits EX_CONFIG: the configuration, not the program, needs fixing.</summary>
    public const int InvalidConfiguration = 78;

    /// <summary>sysexits EX_UNAVAILABLE: a one-shot verb cannot reach the database (the service waits for it instead).</summary>
    public const int Unavailable = 69;

    public static async Task<int> RunAsync(
        ParseResult parseResult,
        Action<HostApplicationBuilder>? configure,
        Func<IHost, TextWriter, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        bool consoleIsTheLog = false)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var builder = ForecasterHost.CreateBuilder(SettingOverrides.Of(parseResult));

            if (!consoleIsTheLog)
            {
                // The console belongs to the verb's own output; logs there are limited to problems. A failed start is
                // reported below in one line, not once more as the host's error with a stack trace.
                builder.Logging.AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
                builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
            }

            configure?.Invoke(builder);
            using var host = builder.BuildValidated();
            return await body(host, output, cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("Invalid configuration:");
            foreach (var failure in e.Failures)
            {
                await error.WriteLineAsync("  - " + failure);
            }

            return InvalidConfiguration;
        }
        catch (StartupCheckException e)
        {
            await error.WriteLineAsync("Cannot start: " + e.Message);
            return InvalidConfiguration;
        }
        catch (Exception e) when (e is MigrationPermissionException or MigrationValidationException)
        {
            await error.WriteLineAsync("Cannot migrate: " + e.Message);
            return InvalidConfiguration;
        }
        catch (DatabaseUnavailableException e)
        {
            await error.WriteLineAsync(
                $"Cannot reach the database (ConnectionStrings:{DatabaseOptions.ConnectionStringName}): {e.Message}");
            return Unavailable;
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            // Unreachable or refusing the connection: the operator needs the reason, not a stack trace.
            await error.WriteLineAsync($"Cannot reach the database " +
                $"(ConnectionStrings:{DatabaseOptions.ConnectionStringName}): " +
                $"{e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}");
            return Unavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return Cancelled;
        }
    }
}
