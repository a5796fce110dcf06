using Forecaster.Data.Import;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

public sealed class ImportTests : DatabaseTest
{
    private static string BundledFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    private Task<ImportReport> ImportTextAsync(string csv, PriceCsvColumns? columns = null) =>
        new PriceImporter(Data).ImportAsync(new StringReader(csv), "inline.csv", columns, CancellationToken.None);

    [Fact]
    public async Task Bundled_real_data_round_trips_with_counts_values_and_series()
    {
        var report = await new PriceImporter(Data).ImportFileAsync(BundledFile("eu_stock_daily.csv"), null, CancellationToken.None);

        Assert.Equal((7440L, 0L, 0L, 0L), (report.Inserted, report.Updated, report.Unchanged, report.RejectedCount));
        Assert.Empty(report.Rejected);
        Assert.Equal(7440L, await Database.ScalarAsync<long>("SELECT count(*) FROM prices"));
        Assert.Equal(1628.75, await Database.ScalarAsync<double>(
            "SELECT price FROM prices WHERE series_key = 'eu_stock_daily/DAX' AND ts = '1991-07-01T00:00:00Z'"));

        // New keys appear in series within the import transaction.
        var series = await new Scheduling.SeriesScheduler(Data, new PriceSource(Data, PriceSourceOptions.Default)).ListSeriesAsync(
            CancellationToken.None);
        Assert.Equal(
            ["eu_stock_daily/CAC", "eu_stock_daily/DAX", "eu_stock_daily/FTSE", "eu_stock_daily/SMI"],
            series.Select(s => s.SeriesKey));

        var lastFtse = await new PriceSource(Data, PriceSourceOptions.Default).ReadLastPointsAsync(
            "eu_stock_daily/FTSE",
            2,
            CancellationToken.None);
        Assert.Equal(new DateTime(1998, 8, 14, 0, 0, 0, DateTimeKind.Utc), lastFtse[^1].Timestamp);
        Assert.True(lastFtse[0].Timestamp < lastFtse[1].Timestamp);
    }

    [Fact]
    public async Task Wheat_prices_from_the_year_1500_survive_the_round_trip()
    {
        await new PriceImporter(Data).ImportFileAsync(BundledFile("wheat_annual.csv"), null, CancellationToken.None);

        var first = await Database.ScalarAsync<DateTime>("SELECT min(ts) FROM prices");
        Assert.Equal(new DateTime(1500, 1, 1, 0, 0, 0, DateTimeKind.Utc), first);
        Assert.Equal(17.0, await Database.ScalarAsync<double>("SELECT price FROM prices ORDER BY ts LIMIT 1"));
    }

    [Fact]
    public async Task Re_import_reports_unchanged_rows_and_only_changed_prices_as_updated()
    {
        var importer = new PriceImporter(Data);
        var path = BundledFile("msft_daily_short.csv");
        await importer.ImportFileAsync(path, null, CancellationToken.None);

        var again = await importer.ImportFileAsync(path, null, CancellationToken.None);
        var edited = (await File.ReadAllLinesAsync(path)).ToList();
        edited[1] = "msft_daily_short/MSFT,2000-09-27T00:00:00Z,61.0"; // was 60.6250
        edited.Add("msft_daily_short/MSFT,2001-09-28T00:00:00Z,51.5");
        var changed = await ImportTextAsync(string.Join('\n', edited));

        Assert.Equal((0L, 0L, 249L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal((1L, 1L, 248L), (changed.Inserted, changed.Updated, changed.Unchanged));
        Assert.Equal(61.0, await Database.ScalarAsync<double>(
            "SELECT price FROM prices WHERE ts = '2000-09-27T00:00:00Z'"));
    }

    [Fact]
    public async Task Other_header_names_map_onto_key_timestamp_and_price_and_extra_columns_are_ignored()
    {
        var csv = "Symbol,Volume,\"Observed At\",Close\nABC,100,2021-03-01T12:00:00Z,10.5\n\"X,Y\",7,2021-03-01T12:00:00Z,\"3.25\"\n";

        var report = await ImportTextAsync(csv, new PriceCsvColumns("Symbol", "Observed At", "Close"));

        Assert.Equal(2, report.Inserted);
        Assert.Equal(3.25, await Database.ScalarAsync<double>("SELECT price FROM prices WHERE series_key = 'X,Y'"));
    }

    [Fact]
    public async Task A_header_without_a_mapped_column_rejects_the_whole_file_naming_the_column()
    {
        var failure = await Assert.ThrowsAsync<ImportFormatException>(() => ImportTextAsync("key,ts,price\nk,2020-01-01T00:00:00Z,1\n"));

        Assert.Contains("'series_key'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM prices"));
    }

    [Fact]
    public async Task A_cancelled_import_writes_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        var reader = new CancellingReader(BundledFile("gold_daily_gappy.csv"), cancelAfterChars: 20_000, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new PriceImporter(Data).ImportAsync(reader, "gold", null, cancellation.Token));

        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM prices"));
    }

    /// <summary>Cancels the import from inside, once a number of characters were read, so the cut is deterministic.</summary>
    private sealed class CancellingReader(string path, int cancelAfterChars, CancellationTokenSource cancellation) : StreamReader(path)
    {
        private int _chars;

        // The span overload of a derived StreamReader ends up here too.
        public override int Read(char[] buffer, int index, int count)
        {
            var read = base.Read(buffer, index, Math.Min(count, 4096));
            _chars += read;
            if (_chars >= cancelAfterChars)
            {
                cancellation.Cancel();
            }

            return read;
        }
    }
}
