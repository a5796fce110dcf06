using Forecaster.Data.Accuracy;
using Forecaster.Data.Runs;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests.Accuracy;

/// <summary>Scoring reads actuals from whatever source is configured: here a numeric price in another schema and names.</summary>
public sealed class ConfiguredSourceScoringTests : DatabaseTest
{
    private const string Key = "fx/EURCHF";
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly PriceSourceOptions Quotes = new() {
        Schema = "market",
        Table = "quotes",
        KeyColumn = "sym",
        TimestampColumn = "at",
        ValueColumn = "px" };

    private Task<int> QuoteAsync(int day, string price) =>
        Database.ExecuteAsync($"INSERT INTO market.quotes VALUES ('{Key}', '{AccuracyScoringTests.Day(day)}', {price}) " +
            $"ON CONFLICT (sym, at) DO UPDATE SET px = EXCLUDED.px");

    private async Task<AccuracyScorer> PublishAsync()
    {
        await Database.ExecuteAsync(
            "CREATE SCHEMA market; CREATE TABLE market.quotes (sym text, at timestamptz, px numeric(12, 4), PRIMARY KEY (sym, at))");
        await QuoteAsync(1, "100");
        var source = new PriceSource(Data, Quotes);
        await source.SyncSeriesAsync(CancellationToken.None);
        var run = await Publishing.StartAsync(Data, Key);
        await new RunStore(Data).PublishRunAsync(
            Publishing.Publication(run, Key) with { OriginValue = 100, NaiveScale = 2 },
            CancellationToken.None);
        return new AccuracyScorer(Data, source);
    }

    private Task<List<object?[]>> StepAsync(int step) =>
        Database.RowsAsync($"SELECT status, actual, abs_error, scaled_error FROM forecast_scores WHERE step = {step}");

    [Fact]
    public async Task Actuals_gaps_and_late_points_come_from_the_configured_table()
    {
        var scorer = await PublishAsync();
        await QuoteAsync(2, "101.5");
        await QuoteAsync(4, "99");

        var first = await scorer.ScoreAsync(Now, CancellationToken.None);

        Assert.Equal((2, 1), (first.Count("scored"), first.Count("missing")));
        Assert.Equal(["scored", 101.5, 0.5, 0.25], (await StepAsync(1)).Single());
        Assert.Equal(["missing", null, null, null], (await StepAsync(2)).Single());

        // No trigger on this table: the missing step is looked up again and found.
        await QuoteAsync(3, "104");
        var late = await scorer.ScoreAsync(Now.AddHours(1), CancellationToken.None);

        Assert.Equal(1, late.Count("scored"));
        Assert.Equal(["scored", 104.0, 2.0, 1.0], (await StepAsync(2)).Single());
    }

    [Fact]
    public async Task With_the_documented_trigger_installed_a_revision_of_the_configured_table_is_rescored()
    {
        var scorer = await PublishAsync();
        await Database.ExecuteAsync(
            """
            CREATE TRIGGER quotes_actuals_insert AFTER INSERT ON market.quotes REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION forecaster_queue_actual_changes('sym', 'at');
            CREATE TRIGGER quotes_actuals_update AFTER UPDATE ON market.quotes REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION forecaster_queue_actual_changes('sym', 'at');
            """);
        await QuoteAsync(2, "101.5");
        await scorer.ScoreAsync(Now, CancellationToken.None);

        await QuoteAsync(2, "100.5");
        var pass = await scorer.ScoreAsync(Now.AddHours(1), CancellationToken.None);

        Assert.Equal(1, pass.Count("scored", revised: true));
        Assert.Equal(["scored", 100.5, 0.5, 0.25], (await StepAsync(1)).Single());
    }
}
