using System.CommandLine;
using System.Globalization;
using Forecaster.Data.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forecaster.Host.Cli;

internal static class ImportVerb
{
    private const int ListedRejections = 10;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE.csv")
        {
            Description = "CSV files with a header line; by default the columns series_key, ts (ISO 8601 UTC) and price.",
            Arity = ArgumentArity.OneOrMore,
        };
        var columnMap = new Option<string[]>("--source-column-map")
        {
            Description = "Header names when they differ from the defaults, as ROLE=HEADER with ROLE one of series_key, ts, price (e.g. --source-column-map series_key=symbol ts=date price=close).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("import", "Import price CSV files into the prices table (upsert; bad lines are reported, good lines land).")
        {
            files,
            columnMap,
        };
        command.TreatUnmatchedTokensAsErrors = false;
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
                        var rejected = await ImportAsync(importer, parseResult.GetRequiredValue(files), columns, output, token);
                        return rejected == 0 ? VerbHost.Success : VerbHost.SomeSeriesFailed;
                    }
                    catch (Exception e) when (e is ImportFormatException or IOException)
                    {
                        await parseResult.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                        return VerbHost.InvalidInput;
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

    /// <summary>Imports each file in its own transaction and prints what it did; returns the number of rejected lines.</summary>
    public static async Task<long> ImportAsync(
        PriceImporter importer, IEnumerable<FileInfo> files, PriceCsvColumns columns, TextWriter output, CancellationToken cancellationToken)
    {
        long rejected = 0;
        foreach (var file in files)
        {
            var report = await importer.ImportFileAsync(file.FullName, columns, cancellationToken);
            rejected += report.RejectedCount;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{file.Name}: {report.Inserted} inserted, {report.Updated} updated, {report.Unchanged} unchanged, {report.RejectedCount} rejected"));
            foreach (var line in report.Rejected.Take(ListedRejections))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  line {line.LineNumber}: {line.Reason}"));
            }
        }

        return rejected;
    }

    internal static PriceCsvColumns ParseColumnMap(IEnumerable<string> mappings)
    {
        var columns = PriceCsvColumns.Default;
        foreach (var mapping in mappings.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
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
