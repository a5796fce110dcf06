using System.CommandLine;
using System.Globalization;
using Forecaster.Data.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Forecaster.Host.Cli;

internal static class ImportVerb
{
    private const int ListedRejections = 10;

    public static Command Create()
    {
        var files = new Argument<FileSystemInfo[]>("FILE.csv")
        {
            Description = "CSV files (UTF-8, RFC 4180) with a header line; by default the columns series_key, ts (ISO " +
                "8601 with Z or an offset) and price. A directory imports every *.csv in it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var columnMap = new Option<string[]>("--source-column-map")
        {
            Description = "Header names when they differ from the defaults, as ROLE=HEADER with ROLE one of series_key, " +
                "ts, price (e.g. --source-column-map series_key=symbol ts=date price=close).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command(
            "import",
            "Import price CSV files into the prices table (upsert; bad lines are reported, good lines land).")
        {
            files,
            columnMap,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            PriceCsvColumns columns;
            try
            {
                columns = ParseColumnMap(parseResult.GetValue(columnMap) ?? []);
            }
            catch (FormatException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return VerbHost.InvalidConfiguration;
            }

            return await VerbHost.RunAsync(
                parseResult,
                configure: null,
                async (host, output, token) =>
                {
                    await host.StartAsync(token);
                    var importer = host.Services.GetRequiredService<PriceImporter>();
                    try
                    {
                        var outcome = await ImportAsync(
                            importer,
                            parseResult.GetRequiredValue(files),
                            columns,
                            output,
                            parseResult.InvocationConfiguration.Error,
                            token);
                        return outcome.FailedFiles > 0
                            ? VerbHost.InvalidInput
                            : outcome.Rejected > 0 ? VerbHost.SomeSeriesFailed : VerbHost.Success;
                    }
                    finally
                    {
                        await host.StopAsync(CancellationToken.None);
                    }
                },
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Imports each file in its own transaction and prints what it did. A file that cannot be imported (unreadable,
    /// no usable header) is reported on <paramref name="error"/> and the next file still runs. A directory stands for
    /// the <c>*.csv</c> files in it, in name order.
    /// </summary>
    public static async Task<ImportOutcome> ImportAsync(
        PriceImporter importer, IEnumerable<FileSystemInfo> paths, PriceCsvColumns columns, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        long rejected = 0;
        var failedFiles = 0;
        foreach (var path in paths)
        {
            IReadOnlyList<FileInfo> files;
            if (Directory.Exists(path.FullName))
            {
                files = [.. new DirectoryInfo(path.FullName).EnumerateFiles("*.csv").OrderBy(file => file.Name, StringComparer.Ordinal)];
                if (files.Count == 0)
                {
                    await error.WriteLineAsync(
                        $"{path.FullName}: a directory without *.csv files; give CSV files or a directory holding them.");
                    failedFiles++;
                }
            }
            else
            {
                files = [new FileInfo(path.FullName)];
            }

            foreach (var file in files)
            {
                try
                {
                    var report = await importer.ImportFileAsync(file.FullName, columns, cancellationToken);
                    rejected += report.RejectedCount;
                    await WriteReportAsync(output, file, report);
                }
                catch (Exception e) when (e is ImportFormatException or IOException or UnauthorizedAccessException or NpgsqlException)
                {
                    // One file's failure (its transaction rolled back) must not cost the files after it.
                    await error.WriteLineAsync(e is ImportFormatException ? e.Message : $"{file.FullName}: not imported: {e.Message}");
                    failedFiles++;
                }
            }
        }

        return new ImportOutcome(rejected, failedFiles);
    }

    private static async Task WriteReportAsync(TextWriter output, FileInfo file, ImportReport report)
    {
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{file.Name}: {report.Inserted} inserted, {report.Updated} updated, {report.Unchanged} unchanged, " +
            $"{report.RejectedCount} rejected"));
        foreach (var line in report.Rejected.Take(ListedRejections))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  line {line.LineNumber}: {line.Reason}"));
        }
    }

    internal static PriceCsvColumns ParseColumnMap(IEnumerable<string> mappings)
    {
        var columns = PriceCsvColumns.Default;
        foreach (var mapping in mappings.SelectMany(
            value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = mapping.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw new FormatException($"--source-column-map '{mapping}': expected ROLE=HEADER, e.g. ts=date.");
            }

            columns = parts[0] switch
            {
                "series_key" => columns with { SeriesKey = parts[1] },
                "ts" => columns with { Timestamp = parts[1] },
                "price" => columns with { Price = parts[1] },
                _ => throw new FormatException($"--source-column-map '{mapping}': unknown role '{parts[0]}'; use series_key, ts or price."),
            };
        }

        return columns;
    }
}

/// <summary>What an import verb did over all its files: lines rejected, and files that could not be imported at all.</summary>
internal readonly record struct ImportOutcome(long Rejected, int FailedFiles);
