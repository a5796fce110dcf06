using System.CommandLine;
using Forecaster.Host.Configuration;
using Forecaster.Host.Scheduling;
using Forecaster.Host.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Cli;

internal static class RunVerb
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo")
        {
            Description = "Migrate, import the bundled price data if the source is empty, run one cycle now, print the " +
                "forecasts, then keep running on the schedule.",
        };
        var demoData = new Option<DirectoryInfo>("--demo-data")
        {
            Description = "Folder of the CSV files the demo imports.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("deploy", "data")),
        };
        var command = new Command(
            "run",
            "Run the service (the default verb): a clustered cron schedule marks due series; every instance trains them until stopped.")
        {
            demo,
            demoData,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunServiceAsync(parseResult, parseResult.GetValue(demo) ? parseResult.GetValue(demoData) : null, cancellationToken));
        return command;
    }

    public static Task<int> RunServiceAsync(ParseResult parseResult, DirectoryInfo? demoData, CancellationToken cancellationToken) =>
        VerbHost.RunAsync(
            parseResult,
            builder =>
            {
                builder.AddScheduledService();
                if (demoData is not null)
                {
                    // The demo runs its own first cycle in the foreground, after importing. Its own import would otherwise
                    // notify new data and start a background drain that takes the series from under that cycle, so the
                    // demo neither catches up at start nor listens; it runs on the cron after its cycle.
                    builder.Configuration.AddInMemoryCollection(
                    [
                        new($"{ScheduleOptions.SectionName}:{nameof(ScheduleOptions.CatchUpOnStart)}", "false"),
                        new($"{ScheduleOptions.SectionName}:{nameof(ScheduleOptions.ListenForNewData)}", "false"),
                    ]);
                }
            },
            async (host, output, token) =>
            {
                var gate = host.Services.GetRequiredService<StartupGate>();
                if (demoData is null)
                {
                    await host.RunAsync(token);
                    return await ExitCodeAsync(gate, parseResult);
                }

                await host.StartAsync(token);
                using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(
                    token,
                    host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping))
                {
                    try
                    {
                        await gate.WaitAsync(stopping.Token);
                        await DemoRun.ShowAsync(host, demoData, output, token);
                    }
                    catch (OperationCanceledException) when (gate.Failure is not null)
                    {
                        // Start-up gave up on a configuration error; the exit code and its message follow.
                    }
                }

                await host.WaitForShutdownAsync(token);
                return await ExitCodeAsync(gate, parseResult);
            },
            cancellationToken,

            // As a service the console is the journal (or the Windows console host): cycles are logged at Information.
            consoleIsTheLog: demoData is null);

    /// <summary>
    /// A configuration error found while the service started in the background ends it with EX_CONFIG, like one found
    /// at once; anything else that ended the start is a defect (EX_SOFTWARE), which a service manager may restart.
    /// </summary>
    private static async Task<int> ExitCodeAsync(StartupGate gate, ParseResult parseResult)
    {
        if (gate.Failure is null)
        {
            return VerbHost.Success;
        }

        await parseResult.InvocationConfiguration.Error.WriteLineAsync("Cannot start: " + gate.Failure.Message);
        return gate.Failure is StartupCheckException ? VerbHost.InvalidConfiguration : VerbHost.InternalError;
    }
}
