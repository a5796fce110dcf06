using Forecaster.Data.Accuracy;
using Forecaster.Data.Runs;

namespace Forecaster.Data.Tests.Accuracy;

public sealed class DemotionStoreTests : DatabaseTest
{
    private const string Key = "acc/X";
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_network_s_scored_steps_are_read_in_target_order_and_a_demotion_is_recorded_and_makes_the_series_due()
    {
        await Database.ExecuteAsync(
            $"INSERT INTO prices VALUES ('{Key}', '2026-03-01Z', 100), ('{Key}', '2026-03-02Z', 101.5), ('{Key}', '2026-03-03Z', 104)");
        var run = await Publishing.StartAsync(Data, Key);
        await new RunStore(Data).PublishRunAsync(
            Publishing.Publication(run, Key) with { Metrics = new RunMetrics(
                1,
                Champion: "rnn"), OriginValue = 100, NaiveScale = 2 }, CancellationToken.None);
        await new AccuracyScorer(Data, new Sources.PriceSource(Data, Sources.PriceSourceOptions.Default)).ScoreAsync(
            Now,
            CancellationToken.None);
        var store = new DemotionStore(Data);

        var evidence = Assert.Single(await store.ReadEvidenceAsync([Key], window: 40, CancellationToken.None));

        // Forecasts 101 and 102 against 101.5 and 104 (naive 100, scale 2): differences (0.25 − 0.75) and (1 − 2).
        Assert.Null(evidence.DemotedSince);
        Assert.Equal([new NetworkStep(1, -0.5, false), new NetworkStep(2, -1, false)], evidence.Steps);

        await store.RecordAsync([new DemotionRecord(Key, "demote", 2, 3.5, 0.01)], Now, CancellationToken.None);

        Assert.True(await store.IsDemotedAsync(Key, CancellationToken.None));
        Assert.Equal([Now, 2, 3.5, 0.01, Now, "demoted"], (await Database.RowsAsync(
            $"SELECT a.demoted_since, a.evaluated_points, a.evaluated_statistic, a.evaluated_p_value, s.next_due_at, " +
            $"s.due_reason FROM series_accuracy a JOIN series s USING (series_key)")).Single());

        await store.RecordAsync([new DemotionRecord(Key, "reinstate", 2, double.NaN, double.NaN)], Now.AddHours(1), CancellationToken.None);

        Assert.False(await store.IsDemotedAsync(Key, CancellationToken.None));
        Assert.Equal(
            [null, null, null],
            (await Database.RowsAsync("SELECT demoted_since, demotion_reason, evaluated_p_value FROM series_accuracy")).Single());
    }
}
