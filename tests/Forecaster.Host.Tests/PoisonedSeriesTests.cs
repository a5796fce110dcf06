using Forecaster.Host.Cycle;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary>
/// Bad series next to a good one, read through a custom source (the default table refuses NaN): each bad
/// one fails or is skipped alone with its reason recorded, and the others still forecast.
/// </summary>
public sealed class PoisonedSeriesTests() : DatabaseTest("msft_daily_short.csv")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync(
            """
            CREATE TABLE quotes (symbol text NOT NULL, quoted_at timestamptz NOT NULL, close double precision, PRIMARY
            KEY (symbol, quoted_at));
            INSERT INTO quotes SELECT 'good/MSFT', ts, price FROM prices;
            -- Three NaN ticks among 249 real closes: dropped and recorded, the series still trains.
            INSERT INTO quotes SELECT 'bad/few_nan', ts, CASE WHEN row_number() OVER (ORDER BY ts) IN (50, 100, 150)
            THEN 'NaN' ELSE price END FROM prices;
            -- A third of the values negative: too many to drop, the run fails.
            INSERT INTO quotes SELECT 'bad/negative', ts, CASE WHEN row_number() OVER (ORDER BY ts) % 3 = 0 THEN -price
            ELSE price END FROM prices;
            INSERT INTO quotes SELECT 'bad/one_point', ts, price FROM prices ORDER BY ts LIMIT 1;
            INSERT INTO quotes SELECT 'bad/constant', ts, 100 FROM prices;
            """);
    }

    [Fact]
    public async Task Each_poisoned_series_fails_or_is_skipped_alone_with_its_reason_and_the_others_forecast()
    {
        await using var host = await TestHost.StartAsync(Database.ConnectionString, "poison", new Dictionary<string, string?>
        {
            ["Forecaster:Source:Table"] = "quotes",
            ["Forecaster:Source:KeyColumn"] = "symbol",
            ["Forecaster:Source:TimestampColumn"] = "quoted_at",
            ["Forecaster:Source:ValueColumn"] = "close",
        });
        await Database.ExecuteAsync("DELETE FROM prices");

        var summary = await host.RunCycleAsync();

        var outcomes = summary.Results.ToDictionary(result => result.SeriesKey, result => (result.Outcome, result.ReasonCode));
        Assert.Equal((SeriesOutcome.Trained, null), outcomes["good/MSFT"]);
        Assert.Equal((SeriesOutcome.Trained, null), outcomes["bad/few_nan"]);
        Assert.Equal((SeriesOutcome.Failed, "invalid_values"), outcomes["bad/negative"]);
        Assert.Equal((SeriesOutcome.Skipped, "series_too_short"), outcomes["bad/one_point"]);
        Assert.Equal((SeriesOutcome.Failed, "constant_series"), outcomes["bad/constant"]);
        var recorded = (await Database.RowsAsync("SELECT series_key, status, reason_code, error_text FROM forecast_runs"))
            .ToDictionary(row => (string)row[0]!);
        Assert.Equal(["failed", "invalid_values"], recorded["bad/negative"][1..3]);
        Assert.Contains("83 of 249", (string)recorded["bad/negative"][3]!, StringComparison.Ordinal);
        Assert.False(recorded.ContainsKey("bad/one_point"));
        Assert.Equal(
            "series_too_short",
            await Database.ScalarAsync<string>("SELECT unfit_reason FROM series WHERE series_key = 'bad/one_point'"));
        Assert.Equal(["failed", "constant_series"], recorded["bad/constant"][1..3]);
        Assert.Equal(
            ["bad/few_nan", "good/MSFT"],
            (await Database.RowsAsync("SELECT DISTINCT series_key FROM latest_forecasts ORDER BY 1")).Select(row => (string)row[0]!));
    }
}
