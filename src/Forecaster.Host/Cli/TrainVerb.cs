using System.CommandLine;
using System.Globalization;
using Forecaster.Data.Scheduling;
using Forecaster.Host.Configuration;
using Forecaster.Host.Cycle;
using Forecaster.Host.Hosting;
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
        var command = new Command(
            "train",
            "Run one cycle now on this machine (mark due series, train, publish), print a summary table, exit. " +
            "Exit code 2 when a series failed, 75 when another live instance held a series it was to train.")
        {
            series,
        };
        command.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(
            parseResult,
            builder => builder.Services.AddInstancePresence(),
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
                    var held = await ReportHeldAsync(host, selected, output, token);
                    return summary.Count(SeriesOutcome.Failed) > 0 ? VerbHost.SomeSeriesFailed
                        : held > 0 ? VerbHost.HeldByAnotherInstance
                        : VerbHost.Success;
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

    /// <summary>
    /// Lists the series this cycle could not train because another live instance holds them (due ones, or the ones
    /// asked for), so "0 trained" never hides them; returns how many.
    /// </summary>
    private static async Task<int> ReportHeldAsync(
        IHost host, IReadOnlySet<string>? selected, TextWriter output, CancellationToken cancellationToken)
    {
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var held = await host.Services.GetRequiredService<SeriesScheduler>()
            .ListHeldByOthersAsync(host.Services.GetRequiredService<InstanceIdentity>().Id, now, selected, cancellationToken);
        if (held.Count > 0)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"{held.Count} series held by another live instance, not trained here (run " +
                    $"train again once it is done):"));
            foreach (var series in held)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"  {series.SeriesKey} by instance {series.ClaimedBy}, lease until " +
                        $"{series.LeaseExpiresAt:yyyy-MM-dd HH:mm:ss}Z"));
            }
        }

        return held.Count;
    }

    /// <summary>Keys not in the series table, sorted, for verbs that take <c>--series</c>.</summary>
    internal static async Task<IReadOnlyList<string>> UnknownSeriesAsync(
        IHost host, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var known = (await host.Services.GetRequiredService<SeriesScheduler>().ListSeriesAsync(cancellationToken))
            .Select(series => series.SeriesKey)
            .ToHashSet(StringComparer.Ordinal);
        return [.. keys.Where(key => !known.Contains(key)).Order(StringComparer.Ordinal)];
    }
}
