using System.Globalization;
using Forecaster.Core.Training;
using Forecaster.Data.Access;
using Forecaster.Data.Accuracy;
using Forecaster.Data.Import;
using Forecaster.Data.Results;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Forecaster.Host.Configuration;
using Forecaster.Host.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Cli;

/// <summary>The first thing a newcomer sees: data in, one cycle, forecasts out, and where to look next.</summary>
internal static class DemoRun
{
    public static async Task ShowAsync(IHost host, DirectoryInfo dataFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var scheduler = services.GetRequiredService<SeriesScheduler>();
        var replay = new ReplayHoldBack(services.GetRequiredService<ForecasterDatabase>());
        if ((await scheduler.ListSeriesAsync(cancellationToken)).Count == 0)
        {
            var files = dataFolder.Exists
                ? dataFolder.GetFiles("*.csv").Where(file => file.Name != "series_manifest.csv").Order(FileNameOrder.Instance).ToArray()
                : [];
            if (files.Length == 0)
            {
                await output.WriteLineAsync($"The price source is empty and {dataFolder.FullName} has no CSV files to import.");
            }
            else
            {
                await output.WriteLineAsync($"Importing {files.Length} files from {dataFolder.FullName}");
                var importer = services.GetRequiredService<PriceImporter>();
                await ImportVerb.ImportAsync(importer, files, PriceCsvColumns.Default, output, output, cancellationToken);

                // A replay step: the newest points arrive only after the first forecasts, so the demo can score them.
                var horizon = services.GetRequiredService<IOptions<TrainingSettings>>().Value.Horizon;
                await replay.HoldBackAsync(horizon, cancellationToken);
                await output.WriteLineAsync($"Holding back the newest {horizon} points of every series ({replay.Count} " +
                    $"points) to feed them in after the first cycle.");
            }
        }

        await output.WriteLineAsync("Training every series once (progress: done/due, elapsed, series, outcome, seconds, details):");
        await TrainVerb.RunOneCycleAsync(host, "demo", output, cancellationToken);
        if (replay.Count > 0)
        {
            await output.WriteLineAsync(
                $"Feeding in the {replay.Count} held-back points; the next cycle scores the forecasts against them, then retrains:");
            await replay.FeedAsync(cancellationToken);
            await TrainVerb.RunOneCycleAsync(host, "demo-replay", output, cancellationToken);
        }

        await WriteForecastsAsync(services, output, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Live accuracy of the published forecasts against the actuals that arrived (forecaster accuracy):");
        AccuracyVerb.Write(
            output,
            await services.GetRequiredService<AccuracyReader>().ReadAsync(onlyKeys: null, since: null, cancellationToken));

        var telemetry = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var schedule = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Query the forecasts:  SELECT series_key, step, target_ts, value, lower_80, " +
            "upper_80, lower_95, upper_95 FROM latest_forecasts ORDER BY series_key, step;");
        await output.WriteLineAsync("Query the runs:       SELECT series_key, status, reason_code, epochs, val_mase, " +
            "warm_started FROM forecast_runs ORDER BY run_id DESC LIMIT 20;");
        await output.WriteLineAsync("Query live accuracy:  SELECT series_key, step, n, missing, mae, mase, naive_mase, " +
            "relative_mase, coverage_80, coverage_95 FROM forecast_accuracy ORDER BY series_key, step;");
        await output.WriteLineAsync($"Metrics (Prometheus): " +
            $"{TelemetryRegistration.ScrapeAddress(telemetry) ?? "off (Forecaster:Telemetry:PrometheusEndpoint is empty)"}");
        await output.WriteLineAsync($"Running on schedule '{schedule.Cron}' ({schedule.TimeZone}); press Ctrl-C to stop.");
    }

    private static async Task WriteForecastsAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var source = services.GetRequiredService<PriceSource>();
        var forecasts = await services.GetRequiredService<ForecastReader>().ReadLatestForAllAsync(cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"series",-32} {"last actual",-28}  next values with 80 % intervals");
        foreach (var series in forecasts.GroupBy(forecast => forecast.SeriesKey).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var last = (await source.ReadLastPointsAsync(series.Key, 1, cancellationToken)).SingleOrDefault();
            var intraday = last.Timestamp.TimeOfDay != TimeSpan.Zero || series.Any(step => step.TargetTimestamp.TimeOfDay != TimeSpan.Zero);
            var steps = series.OrderBy(step => step.Step).Select(step => step.Lower80 is { } lower && step.Upper80 is { } upper
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Stamp(step.TargetTimestamp, intraday)} {step.Value:G5} [{lower:G4}, {upper:G4}]")
                : string.Create(CultureInfo.InvariantCulture, $"{Stamp(step.TargetTimestamp, intraday)} {step.Value:G5}"));
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{series.Key,-32} {Stamp(last.Timestamp, intraday),-16} {last.Value,11:G6}  {string.Join("  ", steps)}"));
        }
    }

    /// <summary>Dates for daily and slower series; intraday series need the time to tell their steps apart.</summary>
    private static string Stamp(DateTime timestamp, bool intraday) =>
        timestamp.ToString(intraday ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class FileNameOrder : IComparer<FileInfo>
    {
        public static readonly FileNameOrder Instance = new();

        public int Compare(FileInfo? x, FileInfo? y) => string.CompareOrdinal(x?.Name, y?.Name);
    }
}
