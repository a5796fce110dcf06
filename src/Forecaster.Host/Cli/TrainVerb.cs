using System.CommandLine;
using Forecaster.Data.Scheduling;
using Forecaster.Host.Cycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Cli;

internal static class TrainVerb
{
    public static Command Create()
    {
        var series = new Option<string[]>("--series")
        {
            Description = "Only these series (keys as in the series table); the others are left for the service.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("train", "Run one cycle now on this machine (mark due series, train, publish), print a summary table, exit. Exit code 2 when a series failed.")
        {
            series,
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(
            parseResult,
            configure: null,
            async (host, output, token) =>
            {
                await host.StartAsync(token);
                try
                {
                    var selected = parseResult.GetValue(series) is { Length: > 0 } keys ? keys.ToHashSet(StringComparer.Ordinal) : null;
                    if (selected is not null && await UnknownSeriesAsync(host, selected, token) is { Count: > 0 } unknown)
                    {
                        await parseResult.InvocationConfiguration.Error.WriteLineAsync("Unknown series: " + string.Join(", ", unknown));
                        return VerbHost.InvalidInput;
                    }

                    var summary = await RunOneCycleAsync(host, "train", output, token, selected);
                    return summary.Count(SeriesOutcome.Failed) > 0 ? VerbHost.SomeSeriesFailed : VerbHost.Success;
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None);
                }
            },
            cancellationToken));
        return command;
    }

    /// <summary>A cycle with a progress line per series and the summary table; Ctrl-C cancels it cleanly.</summary>
    public static async Task<CycleSummary> RunOneCycleAsync(
        IHost host, string trigger, TextWriter output, CancellationToken cancellationToken, IReadOnlySet<string>? onlySeries = null)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        var summary = await host.Services.GetRequiredService<CycleRunner>()
            .RunCycleAsync(trigger, new ConsoleProgress(output), cancellation.Token, onlySeries);
        SummaryTable.Write(output, summary);
        return summary;
    }

    /// <summary>Keys not in the series table, sorted, for verbs that take <c>--series</c>.</summary>
    internal static async Task<IReadOnlyList<string>> UnknownSeriesAsync(IHost host, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var known = (await host.Services.GetRequiredService<SeriesScheduler>().ListSeriesAsync(cancellationToken))
            .Select(series => series.SeriesKey)
            .ToHashSet(StringComparer.Ordinal);
        return [.. keys.Where(key => !known.Contains(key)).Order(StringComparer.Ordinal)];
    }
}
