using System.CommandLine;
using Forecaster.Host.Cycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Cli;

internal static class TrainVerb
{
    public static Command Create()
    {
        var command = new Command("train", "Run one cycle now on this machine (mark due series, train, publish), print a summary table, exit. Exit code 2 when a series failed.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(
            parseResult,
            configure: null,
            async (host, output, token) =>
            {
                await host.StartAsync(token);
                var summary = await RunOneCycleAsync(host, "train", output, token);
                await host.StopAsync(CancellationToken.None);
                return summary.Count(SeriesOutcome.Failed) > 0 ? VerbHost.SomeSeriesFailed : VerbHost.Success;
            },
            cancellationToken));
        return command;
    }

    /// <summary>A cycle with a progress line per series and the summary table; Ctrl-C cancels it cleanly.</summary>
    public static async Task<CycleSummary> RunOneCycleAsync(IHost host, string trigger, TextWriter output, CancellationToken cancellationToken)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        var summary = await host.Services.GetRequiredService<CycleRunner>()
            .RunCycleAsync(trigger, new ConsoleProgress(output), cancellation.Token);
        SummaryTable.Write(output, summary);
        return summary;
    }
}
