using System.CommandLine;
using System.Globalization;
using Forecaster.Data.Accuracy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Cli;

/// <summary><c>forecaster accuracy</c>: the live-accuracy table for people without a dashboard.</summary>
internal static class AccuracyVerb
{
    public static Command Create()
    {
        var series = new Option<string[]>("--series")
        {
            Description = "Only these series (keys as in the series table).",
            AllowMultipleArgumentsPerToken = true,
        };
        var since = new Option<string?>("--since")
        {
            Description = "Only forecast targets at or after this time (ISO 8601; without an offset it is UTC), e.g. 2026-01-01.",
        };
        var command = new Command(
            "accuracy",
            "Live accuracy of the published forecasts against the actuals that arrived: per series, per family and overall " +
            "(scored steps, missing targets, MAE, MASE, naive's MASE on the same steps, relative MASE, interval coverage).")
        {
            series,
            since,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            DateTime? from = null;
            if (parseResult.GetValue(since) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    await parseResult.InvocationConfiguration.Error
                        .WriteLineAsync($"--since '{text}' is not a date or timestamp (e.g. 2026-01-01 or 2026-01-01T12:00:00Z).");
                    return VerbHost.InvalidInput;
                }

                from = parsed.UtcDateTime;
            }

            var keys = parseResult.GetValue(series) is { Length: > 0 } selected ? selected : null;
            return await VerbHost.RunAsync(
                parseResult,
                configure: null,
                (host, output, token) => ReportAsync(host, keys, from, output, parseResult.InvocationConfiguration.Error, token),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> ReportAsync(
        IHost host,
        string[]? keys,
        DateTime? since,
        TextWriter output,
        TextWriter error,
        CancellationToken token)
    {
        await host.StartAsync(token);
        try
        {
            if (keys is not null && await TrainVerb.UnknownSeriesAsync(host, keys, token) is { Count: > 0 } unknown)
            {
                await error.WriteLineAsync("Unknown series: " + string.Join(", ", unknown));
                return VerbHost.InvalidInput;
            }

            var rows = await host.Services.GetRequiredService<AccuracyReader>().ReadAsync(keys, since, token);
            Write(output, rows);
            return VerbHost.Success;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    internal static void Write(TextWriter output, IReadOnlyList<AccuracySummary> rows)
    {
        if (rows.Count == 0)
        {
            output.WriteLine("No published forecast has reached its target yet: nothing scored.");
            return;
        }

        output.WriteLine($"{"series / family",-40} {"scored",7} {"missing",7} {"MAE",12} {"MASE",7} {"naive",7} " +
            $"{"rel",6} {"cov80%",6} {"cov95%",6}  last scored");
        string? level = null;
        foreach (var row in rows)
        {
            if (level is not null && row.Level != level)
            {
                output.WriteLine();
            }

            level = row.Level;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Scope,-40} {row.Scored,7} {row.Missing,7} {Number(row.Mae, "G6"),12} {Number(row.Mase, "F3"),7} " +
                $"{Number(row.NaiveMase, "F3"),7} {Number(row.RelativeMase, "F3"),6} " +
                $"{Number(row.Coverage80 * 100, "F1"),6} {Number(row.Coverage95 * 100, "F1"),6}  " +
                $"{row.LastScored?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-"}"));
        }
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
