using System.CommandLine;
using System.CommandLine.Invocation;

namespace Forecaster.Host.Cli;

/// <summary>
/// The <c>forecaster</c> verbs. Setting overrides (<c>--Forecaster:Workers:DegreeOfParallelism 2</c>) go with any verb;
/// any other unknown verb or option is a usage error (exit 64) with a suggestion.
/// </summary>
public static class ForecasterCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Forecaster retrains one recurrent network per price series from PostgreSQL and publishes multi-step forecasts. " +
            "Settings come from appsettings.json, environment variables (ConnectionStrings__Forecaster, " +
            "Forecaster__Workers__DegreeOfParallelism) " +
            "and extra arguments (--Forecaster:Workers:DegreeOfParallelism 2).\n\n" + ExitCodes.HelpText())
        {
            RunVerb.Create(),
            MigrateVerb.Create(),
            ImportVerb.Create(),
            TrainVerb.Create(),
            BacktestVerb.Create(),
            AccuracyVerb.Create(),
        };
        root.Options.Add(SettingOverrides.CreateOption());
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new BuildVersionAction();
        }

        // A service manager starts the bare executable: that is the service.
        root.SetAction((parseResult, cancellationToken) => RunVerb.RunServiceAsync(parseResult, demoData: null, cancellationToken));
        return root;
    }

    /// <summary>
    /// The host, not the parser, handles Ctrl-C and SIGTERM: the parser would kill the process after its own
    /// short timeout, before in-flight training could record itself as cancelled.
    /// </summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return InvokeAsync(args, configuration);
    }

    private static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration)
    {
        IReadOnlyList<string> usage;
        ParseResult? parseResult = null;
        try
        {
            parseResult = Create().Parse(SettingOverrides.Rewrite(args));
            usage = UsageErrors.Of(parseResult);
        }
        catch (FormatException e)
        {
            usage = [e.Message];
        }

        if (usage.Count == 0)
        {
            return await parseResult!.InvokeAsync(configuration);
        }

        foreach (var line in usage)
        {
            await configuration.Error.WriteLineAsync(line);
        }

        await configuration.Error.WriteLineAsync("See 'forecaster --help'. Settings are given as --Forecaster:Section:Key value.");
        return VerbHost.UsageError;
    }
}
