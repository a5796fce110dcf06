using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

/// <summary>
/// Any insert, update or delete of a series' points makes it due, not only a point past its watermark (issue 13, item
/// 7).
/// </summary>
public sealed class RevisedDataTests : DatabaseTest
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    private SeriesScheduler Scheduler => new(Data, new PriceSource(Data, PriceSourceOptions.Default));

    /// <summary>Five series of three daily points, each trained on all of them an hour ago, nothing pending.</summary>
    private async Task SeedTrainedAsync()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO prices SELECT k, timestamptz '2026-02-27Z' + d * interval '1 day', 10 + d
            FROM unnest(ARRAY['corrected', 'deleted', 'backfilled', 'rewritten', 'untouched']) k, generate_series(0, 2) d;
            UPDATE series SET last_trained_at = '2026-03-02 11:00Z', last_watermark = '2026-03-01Z', attempted_version = inputs_version;
            """);
    }

    private async Task<string[]> DueAsync() =>
        [.. (await Scheduler.ListSeriesAsync(CancellationToken.None)).Where(series => series.NextDueAt is not null)
            .Select(series => series.SeriesKey)];

    [Fact]
    public async Task Corrected_deleted_and_backfilled_points_make_their_series_due_and_a_rewrite_with_the_same_value_does_not()
    {
        await SeedTrainedAsync();
        Assert.Equal(0, await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None));

        await Database.ExecuteAsync(
            """
            UPDATE prices SET price = 99 WHERE series_key = 'corrected' AND ts = '2026-02-28Z';
            DELETE FROM prices WHERE series_key = 'deleted' AND ts = '2026-02-27Z';
            INSERT INTO prices VALUES ('backfilled', '2026-02-01Z', 5);
            UPDATE prices SET price = price WHERE series_key = 'rewritten';
            """);
        var marked = await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(3, marked);
        Assert.Equal(["backfilled", "corrected", "deleted"], (await DueAsync()).Order(StringComparer.Ordinal));
        Assert.All(
            (await Scheduler.ListSeriesAsync(CancellationToken.None)).Where(series => series.NextDueAt is not null),
            series => Assert.Equal("new_data", series.DueReason));
    }

    [Fact]
    public async Task A_revision_made_while_the_series_trains_keeps_it_due_after_the_publish()
    {
        await SeedTrainedAsync();
        await Database.ExecuteAsync("UPDATE prices SET price = 50 WHERE series_key = 'corrected' AND ts = '2026-02-27Z'");
        await Scheduler.MarkDueAsync(Now, TimeSpan.FromDays(7), CancellationToken.None);
        var claimed = Assert.Single(await Scheduler.ClaimDueAsync("node-a", 10, TimeSpan.FromMinutes(5), Now, CancellationToken.None));
        var runId = await Publishing.StartAsync(Data, claimed.SeriesKey);

        // Revised after the run read its data: the model it publishes is already out of date.
        await Database.ExecuteAsync("UPDATE prices SET price = 51 WHERE series_key = 'corrected' AND ts = '2026-02-27Z'");
        await new RunStore(Data).PublishRunAsync(
            Publishing.Publication(runId, claimed.SeriesKey) with { InputsVersion = claimed.InputsVersion }, CancellationToken.None);
        var dueAgain = await Scheduler.MarkDueAsync(Now.AddMinutes(5), TimeSpan.FromDays(7), CancellationToken.None);
        await Scheduler.ClaimDueAsync("node-a", 10, TimeSpan.FromMinutes(5), Now.AddMinutes(5), CancellationToken.None);
        var current = (await Scheduler.GetSeriesAsync("corrected", CancellationToken.None))!;
        await new RunStore(Data).PublishRunAsync(
            Publishing.Publication(await Publishing.StartAsync(Data, "corrected"), "corrected") with { InputsVersion = current
                .InputsVersion },
            CancellationToken.None);

        Assert.Equal(1, dueAgain);
        Assert.Equal(0, await Scheduler.MarkDueAsync(Now.AddMinutes(10), TimeSpan.FromDays(7), CancellationToken.None));
    }

    [Fact]
    public async Task Every_trigger_on_the_price_table_runs_once_per_statement_not_once_per_row()
    {
        // tgtype bit 0 is FOR EACH ROW: per-row work would cost 10,000 series updates a bulk load.
        var triggers = await Database.RowsAsync(
            "SELECT tgname, (tgtype & 1) = 1 FROM pg_trigger WHERE tgrelid = 'prices'::regclass AND NOT tgisinternal ORDER BY tgname");

        Assert.Contains(triggers, row => (string)row[0]! == "prices_track_changes_delete");
        Assert.All(triggers, row => Assert.False((bool)row[1]!, $"{row[0]} runs per row"));
    }
}
