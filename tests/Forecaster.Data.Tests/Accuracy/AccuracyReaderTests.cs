using System.Globalization;
using Forecaster.Data.Accuracy;

namespace Forecaster.Data.Tests.Accuracy;

public sealed class AccuracyReaderTests() : DatabaseTest(migrate: true)
{
    private static readonly DateTime Origin = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync("INSERT INTO series (series_key) VALUES ('metals/gold'), ('fx/eurusd')");
        var gold = await Publishing.StartAsync(Data, "metals/gold");
        var euro = await Publishing.StartAsync(Data, "fx/eurusd");
        // gold: two scored steps (80 % interval misses the first), one missing, one pending; euro: one step without
        // naive scale or intervals.
        await Database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO forecast_scores (run_id, step, kind, series_key, target_ts, forecast, lower_80, upper_80, lower_95, upper_95,
                                         naive_forecast, naive_scale, status, actual)
            VALUES ({gold}, 1, 'published', 'metals/gold', '2026-03-02Z', 10, 9, 11, 8, 13, 11, 2, 'scored', 12),
                   ({gold}, 2, 'published', 'metals/gold', '2026-03-03Z', 20, 18, 21, 15, 25, 15, 2, 'scored', 19),
                   ({gold}, 3, 'published', 'metals/gold', '2026-03-04Z', 5, NULL, NULL, NULL, NULL, NULL, 2, 'missing', NULL),
                   ({gold}, 4, 'published', 'metals/gold', '2026-03-05Z', 5, NULL, NULL, NULL, NULL, NULL, 2, 'pending', NULL),
                   ({gold}, 1, 'shadow', 'metals/gold', '2026-03-02Z', 90, NULL, NULL, NULL, NULL, NULL, 2, 'scored', 12),
                   ({euro}, 1, 'published', 'fx/eurusd', '2026-03-02Z', 1, NULL, NULL, NULL, NULL, NULL, NULL, 'scored', 1.5)
            """));
    }

    private static string Line(AccuracySummary row) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row.Level} {row.Scope}: {row.Scored} scored, {row.Missing} missing, MAE {row.Mae:0.###}, MASE {row.Mase:0.###} " +
        $"vs {row.NaiveMase:0.###} ({row.RelativeMase:0.###}), covered {row.Coverage80:0.###}/{row.Coverage95:0.###}, " +
        $"last {row.LastScored:yyyy-MM-dd}");

    [Fact]
    public async Task Published_steps_that_were_scored_or_missed_are_summarised_per_series_family_and_overall()
    {
        var rows = await new AccuracyReader(Data).ReadAsync(onlyKeys: null, since: null, CancellationToken.None);

        Assert.Equal(
            [
                "series fx/eurusd: 1 scored, 0 missing, MAE 0.5, MASE  vs  (), covered /, last 2026-03-02",
                "series metals/gold: 2 scored, 1 missing, MAE 1.5, MASE 0.75 vs 1.25 (0.6), covered 0.5/1, last 2026-03-03",
                "family fx: 1 scored, 0 missing, MAE 0.5, MASE  vs  (), covered /, last 2026-03-02",
                "family metals: 2 scored, 1 missing, MAE 1.5, MASE 0.75 vs 1.25 (0.6), covered 0.5/1, last 2026-03-03",
                "all all: 3 scored, 1 missing, MAE 1.167, MASE 0.75 vs 1.25 (0.6), covered 0.5/1, last 2026-03-03",
            ],
            rows.Select(Line));
    }

    [Fact]
    public async Task Only_the_series_asked_for_and_the_targets_since_the_time_given_are_summarised()
    {
        var rows = await new AccuracyReader(Data).ReadAsync(["metals/gold"], Origin.AddDays(2), CancellationToken.None);

        Assert.Equal(
            [
                "series metals/gold: 1 scored, 1 missing, MAE 1, MASE 0.5 vs 2 (0.25), covered 1/1, last 2026-03-03",
                "family metals: 1 scored, 1 missing, MAE 1, MASE 0.5 vs 2 (0.25), covered 1/1, last 2026-03-03",
                "all all: 1 scored, 1 missing, MAE 1, MASE 0.5 vs 2 (0.25), covered 1/1, last 2026-03-03",
            ],
            rows.Select(Line));
    }

    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(0.0, null)]
    [InlineData(null, null)]
    public void Mase_relative_to_naive_needs_a_positive_naive_mase(double? naiveMase, double? relative)
    {
        var row = new AccuracySummary("series", "metals/gold", 1, 0, 1, Mase: 1, naiveMase, 1, 1, Origin);

        Assert.Equal(relative, row.RelativeMase);
    }
}
