using Forecaster.Data.Import;
using Forecaster.Testing;

namespace Forecaster.Data.Tests;

public sealed class ImportRejectionTests() : DatabaseTest(migrate: true)
{
    private const string Header = "series_key,ts,price";

    [Theory]
    [InlineData("k,2020-01-03T00:00:00Z,abc", "unparseable price 'abc'")]
    [InlineData("k,not-a-time,1.5", "timestamp 'not-a-time' is not an ISO 8601 date and time")]
    [InlineData("k,12:00+01:00,1.5", "timestamp '12:00+01:00' is not an ISO 8601 date and time")]
    [InlineData("k,1/2/2024,1.5", "is not an ISO 8601 date and time")]
    [InlineData("k,2020-01-03T00:00:00Z,1e-400", "price '1e-400' is too small for double precision")]
    [InlineData("k,2020-01-03T00:00:00Z,4e-320", "is too small for double precision")]
    [InlineData("k\u001b[31m,2020-01-03T00:00:00Z,1.5", "contains control character U+001B at position 2")]
    [InlineData("k\u0085,2020-01-03T00:00:00Z,1.5", "contains control character U+0085")]
    [InlineData("k\u0000,2020-01-03T00:00:00Z,1.5", "contains control character U+0000")]
    [InlineData("k,2020-01-03T00:00:00Z,NaN", "price is NaN")]
    [InlineData("k,2020-01-03T00:00:00Z,Infinity", "is infinite")]
    [InlineData("k,2020-01-03T00:00:00Z,-Infinity", "is infinite")]
    [InlineData("k,2020-01-03T00:00:00Z,1e400", "is infinite")]
    [InlineData(",2020-01-03T00:00:00Z,1.5", "empty series key")]
    [InlineData("k,2020-01-03T00:00:00,1.5", "has no explicit UTC offset or Z")]
    [InlineData("k,2020-01-03,1.5", "has no explicit UTC offset or Z")]
    [InlineData("k,0001-01-01T00:00:00Z,1.5", "outside the supported range 0001-01-02 to 9999-12-30 UTC")]
    [InlineData("k,9999-12-31T00:00:00+00:00,1.5", "outside the supported range")]
    [InlineData("k,2020-01-02T00:00:00Z,9.9", "duplicate (series_key, ts) of line 3")]
    [InlineData("k,2020-01-03T00:00:00Z", "expected 3 fields")]
    public async Task A_bad_line_is_rejected_with_its_line_number_and_reason_while_good_lines_land(string badLine, string reason)
    {
        // Cases share one database, so each imports under its own key.
        var key = "k" + Guid.NewGuid().ToString("N");
        var lines = new[] {
            Header,
            "k,2020-01-01T00:00:00Z,1.0",
            "k,2020-01-02T00:00:00Z,2.0",
            badLine,
            "k,2020-01-04T00:00:00+02:00,4.0" };
        var csv = string.Join('\n', lines.Select(line => line.StartsWith("k,", StringComparison.Ordinal) ? key + line[1..] : line));

        var report = await new PriceImporter(Data).ImportAsync(new StringReader(csv), "inline.csv", null, CancellationToken.None);

        var rejected = Assert.Single(report.Rejected);
        Assert.Equal(4, rejected.LineNumber);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.RejectedCount);
        Assert.Equal(3, report.Inserted);
        Assert.Equal(2.0, await Database
            .ScalarAsync<double>($"SELECT price FROM prices WHERE series_key = '{key}' AND ts = '2020-01-02T00:00:00Z'"));
        Assert.Equal(
            new DateTime(2020, 1, 3, 22, 0, 0, DateTimeKind.Utc),
            await Database.ScalarAsync<DateTime>($"SELECT max(ts) FROM prices WHERE series_key = '{key}'"));
    }
}
