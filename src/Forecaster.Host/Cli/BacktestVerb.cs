using System.CommandLine;
using System.Globalization;
using Forecaster.Core.Backtesting;
using Forecaster.Data.Backtests;
using Forecaster.Host.Backtesting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Cli;

internal static class BacktestVerb
{
    public static Command Create()
    {
        var origins = new Option<FileInfo?>("--origins")
        {
            Description = "CSV of origins: series_key,origin_ts[,step,target_ts] (one row per step; the horizon is the " +
                "largest step). Default: 20 origins over the last 15 % of each series.",
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "CSV written with series_key,origin_ts,step,target_ts,forecast,lower,upper,actual,method.",
            DefaultValueFactory = _ => new FileInfo("backtest.csv"),
        };
        var level = new Option<double>("--level")
        {
            Description = "Central interval level of lower/upper, in percent.",
            DefaultValueFactory = _ => 80,
        };
        var command = new Command("backtest", "Rolling-origin backtest of every active series through the service's " +
            "training and champion/challenger path; writes the CSV, the backtests table and a summary.")
        {
            origins,
            output,
            level,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var share = parseResult.GetValue(level) / 100;
            if (!(share is > 0 and < 1))
            {
                await error.WriteLineAsync("--level must be between 0 and 100 (exclusive).");
                return VerbHost.InvalidConfiguration;
            }

            IReadOnlyDictionary<string, IReadOnlyList<OriginSpec>>? requested = null;
            if (parseResult.GetValue(origins) is { } file)
            {
                try
                {
                    using var reader = file.OpenText();
                    requested = OriginsFile.Parse(reader);
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"{file.Name}: {e.Message}");
                    return VerbHost.InvalidInput;
                }
            }

            // Checked before the work: a backtest can run for minutes, and its results must have somewhere to go.
            var csv = parseResult.GetRequiredValue(output);
            if (OutputFileProbe.WhyNotWritable(csv) is { } problem)
            {
                await error.WriteLineAsync($"--out {csv.FullName}: {problem}");
                return VerbHost.CannotCreateOutput;
            }

            return await VerbHost.RunAsync(
                parseResult,
                configure: null,
                (host, console, token) => RunAsync(host, requested, share, csv, console, token),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        IHost host, IReadOnlyDictionary<string, IReadOnlyList<OriginSpec>>? origins, double level, FileInfo output,
        TextWriter console, CancellationToken token)
    {
        await host.StartAsync(token);
        try
        {
            var time = host.Services.GetRequiredService<TimeProvider>();
            var startedAt = time.GetUtcNow().UtcDateTime;
            var result = await ActivatorUtilities.CreateInstance<SeriesBacktester>(host.Services).RunAsync(origins, level, console, token);
            var rows = result.Rows(level).ToArray();
            await using (var writer = output.CreateText())
            {
                await BacktestCsv.WriteAsync(writer, rows, token);
            }

            var store = host.Services.GetRequiredService<BacktestStore>();
            var backtestId = await store.SaveAsync(
                startedAt,
                level,
                rows.Select(r => new StoredBacktestRow(
                    r.SeriesKey,
                    r.OriginTs,
                    r.Step,
                    r.TargetTs,
                    r.Method,
                    r.Forecast,
                    r.Lower,
                    r.Upper,
                    r.Actual)),
                token);
            BacktestReport.Write(console, result);
            await console.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Backtest {backtestId}: {rows.Length} rows in {output.FullName} and table backtests."));
            return result.Outcomes.Count > 0 ? VerbHost.Success : VerbHost.SomeSeriesFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
