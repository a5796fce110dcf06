using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

/// <summary>
/// A cycle marks every series due with one timestamp; claiming one of them must not sort them all, or a cycle of N
/// series costs O(N²) in the database (seen at 10,000 series in the load test).
/// </summary>
public sealed class ClaimPlanTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Claiming_from_many_series_due_at_the_same_time_reads_the_claim_index_in_order_without_sorting()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO series (series_key, next_due_at)
            SELECT 's' || lpad(i::text, 5, '0'), timestamptz '2026-03-02 11:00Z' FROM generate_series(1, 20000) i;
            UPDATE series SET claimed_by = 'other', lease_expires_at = timestamptz '2026-03-02 13:00Z' WHERE series_key <= 's00002';
            ANALYZE series;
            """);
        var scheduler = new SeriesScheduler(Data, new PriceSource(Data, PriceSourceOptions.Default));

        var plan = await Database.ExplainAsync(SeriesScheduler.ClaimSql, new Dictionary<string, object>
        {
            ["instance"] = "me",
            ["now"] = Now,
            ["lease"] = TimeSpan.FromMinutes(2),
            ["batch"] = 1,
            ["only_keys"] = DBNull.Value,
        });
        var claimed = await scheduler.ClaimDueAsync("me", 1, TimeSpan.FromMinutes(2), Now, onlyKeys: null, CancellationToken.None);

        Assert.Contains("series_claim_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.Equal("s00003", Assert.Single(claimed).SeriesKey);
    }
}
