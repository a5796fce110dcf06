using System.Text;
using Forecaster.Data.Import;

namespace Forecaster.Data.Tests;

/// <summary>Hostile and damaged files: every record is judged on its own and nothing bad is stored (issue 13, items 12-15).</summary>
public sealed class ImportRobustnessTests : DatabaseTest
{
    private const string Header = "series_key,ts,price";

    private Task<ImportReport> ImportAsync(string csv) =>
        new PriceImporter(Data).ImportAsync(new StringReader(csv), "inline.csv", null, CancellationToken.None);

    private Task<long> CountAsync(string where = "true") => Database.ScalarAsync<long>($"SELECT count(*) FROM prices WHERE {where}");

    [Fact]
    public async Task A_row_the_database_refuses_is_rejected_with_its_line_number_and_the_good_rows_land()
    {
        // A rule the importer cannot know about: the database alone refuses these rows.
        await Database.ExecuteAsync("ALTER TABLE prices ADD CONSTRAINT price_cap CHECK (price < 1000000)");
        var rows = Enumerable.Range(1, 40).Select(day => $"good,2020-02-{day % 28 + 1:00}T{day / 28:00}:00:00Z,{day}").ToList();
        rows.Insert(7, "capped,2020-01-01T00:00:00Z,2000000");
        rows.Insert(30, "capped,2020-01-02T00:00:00Z,3000000");

        var report = await ImportAsync(string.Join('\n', [Header, .. rows]));

        Assert.Equal([9L, 32L], report.Rejected.Select(line => line.LineNumber));
        Assert.All(report.Rejected, line => Assert.Contains("price_cap", line.Reason, StringComparison.Ordinal));
        Assert.Equal((40L, 2L), (report.Inserted, report.RejectedCount));
        Assert.Equal(40L, await CountAsync());
    }

    [Fact]
    public async Task A_key_too_long_for_the_index_is_rejected_and_does_not_roll_back_the_file()
    {
        var report = await ImportAsync(
            $"{Header}\na,2020-01-01T00:00:00Z,1\n{new string('k', 5000)},2020-01-01T00:00:00Z,1\nb,2020-01-01T00:00:00Z,1\n");

        var rejected = Assert.Single(report.Rejected);
        Assert.Equal(3, rejected.LineNumber);
        Assert.Contains("5,000 bytes", rejected.Reason, StringComparison.Ordinal);
        Assert.True(rejected.Reason.Length < 200, rejected.Reason);
        Assert.Equal(2L, await CountAsync());
    }

    [Fact]
    public async Task A_quoted_field_spanning_lines_is_one_record_and_its_continuation_is_never_a_series()
    {
        var report = await ImportAsync(
            $"{Header}\n\"a\nb\",2020-01-01T00:00:00Z,1\n\"c, quoted \"\"name\"\"\",2020-01-01T00:00:00Z,2\nd,2020-01-01T00:00:00Z,3\n");

        var rejected = Assert.Single(report.Rejected);
        Assert.Equal(2, rejected.LineNumber);
        Assert.Contains("U+000A", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("spans lines 2-3", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(
            ["c, quoted \"name\"", "d"],
            (await Database.RowsAsync("SELECT series_key FROM series ORDER BY 1")).Select(row => (string)row[0]!));
    }

    [Fact]
    public async Task A_stray_quote_costs_a_bounded_number_of_lines_and_the_rest_of_the_file_lands()
    {
        var rows = Enumerable.Range(0, 300).Select(i => $"s{i},2020-01-01T00:00:00Z,{i + 1}").ToList();
        rows[10] = "\"s10,2020-01-01T00:00:00Z,11";

        var report = await ImportAsync(string.Join('\n', [Header, .. rows]));

        var rejected = Assert.Single(report.Rejected);
        Assert.Equal(12, rejected.LineNumber);
        Assert.Contains($"still open after {CsvRecordGuard.MaxRecordLines} lines", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(300L - CsvRecordGuard.MaxRecordLines, await CountAsync());
    }

    [Fact]
    public async Task A_huge_line_is_rejected_in_bounded_memory_and_quoted_in_at_most_eighty_characters()
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new StreamWriter(path))
            {
                await file.WriteLineAsync(Header);
                await file.WriteLineAsync("a,2020-01-01T00:00:00Z,1");
                await file.WriteAsync("b,2020-01-01T00:00:00Z,");
                await file.WriteLineAsync(new string('9', 30_000_000));
                await file.WriteLineAsync($"c,2020-01-01T00:00:00Z,{new string('x', 10_000)}");
                await file.WriteLineAsync("d,2020-01-01T00:00:00Z,4");
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var report = await new PriceImporter(Data).ImportFileAsync(path, null, CancellationToken.None);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

            Assert.Equal([3L, 4L], report.Rejected.Select(line => line.LineNumber));
            Assert.Contains("longer than 1,048,576 characters", report.Rejected[0].Reason, StringComparison.Ordinal);
            Assert.InRange(report.Rejected[1].Reason.Length, 1, 200);
            Assert.Equal(2L, report.Inserted);
            Assert.True(allocated < 100_000_000, $"{allocated:N0} bytes allocated for a 30 MB line");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_reject_their_line_instead_of_corrupting_the_key()
    {
        var path = Path.GetTempFileName();
        try
        {
            var latin1 = Encoding.Latin1.GetBytes($"{Header}\nCaf\u00e9,2020-01-01T00:00:00Z,1\nplain,2020-01-01T00:00:00Z,2\n");
            await File.WriteAllBytesAsync(path, latin1);

            var report = await new PriceImporter(Data).ImportFileAsync(path, null, CancellationToken.None);

            var rejected = Assert.Single(report.Rejected);
            Assert.Equal(2, rejected.LineNumber);
            Assert.Contains("not valid UTF-8", rejected.Reason, StringComparison.Ordinal);
            Assert.Equal(["plain"], (await Database.RowsAsync("SELECT series_key FROM prices")).Select(row => (string)row[0]!));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
