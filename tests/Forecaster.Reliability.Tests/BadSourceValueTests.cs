using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// Hostile values and keys in a user's own price table (the default table refuses NaN and ±∞): each bad series
/// ends with a recorded reason while the good ones forecast. Complements Host.Tests' PoisonedSeriesTests
/// (few NaN, many negatives, one point, constant), which this does not repeat.
/// </summary>
public sealed class BadSourceValueTests() : DatabaseTest("msft_daily_short.csv", "wheat_annual.csv")
{
    private const string HostileKey = "it's\"; DROP TABLE series; -- 价格 📈";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync(
            """
            CREATE TABLE quotes (symbol text NOT NULL, quoted_at timestamptz NOT NULL, close double precision, PRIMARY
            KEY (symbol, quoted_at));
            CREATE TEMP VIEW msft AS SELECT ts, price, row_number() OVER (ORDER BY ts) AS n FROM prices WHERE series_key
            = 'msft_daily_short/MSFT';
            INSERT INTO quotes SELECT 'good/MSFT', ts, price FROM msft;
            INSERT INTO quotes SELECT 'bad/few_infinities', ts, CASE n WHEN 60 THEN 'Infinity' WHEN 120 THEN '-Infinity'
            ELSE price END FROM msft;
            INSERT INTO quotes SELECT 'bad/many_zeros', ts, CASE WHEN n % 4 = 0 THEN 0 ELSE price END FROM msft;
            INSERT INTO quotes SELECT 'bad/all_infinite', ts, 'Infinity' FROM msft;
            INSERT INTO quotes SELECT 'bad/huge', ts, price * 1e298 FROM msft;
            INSERT INTO quotes SELECT 'bad/tiny', ts, price * 1e-302 FROM msft;
            INSERT INTO quotes SELECT 'bad/huge_gap', CASE WHEN n > 120 THEN ts + interval '30 years' ELSE ts END, price FROM msft;
            INSERT INTO quotes SELECT 'bad/year_1500', ts, price FROM prices WHERE series_key LIKE 'wheat_annual/%';
            """);
        await Database.ExecuteAsync($"INSERT INTO quotes SELECT " +
            $"'{HostileKey.Replace("'", "''", StringComparison.Ordinal)}', ts, price FROM prices WHERE series_key = " +
            $"'msft_daily_short/MSFT'");
        await Database.ExecuteAsync("DELETE FROM prices; DELETE FROM series");
    }

    [Fact]
    public async Task Each_hostile_series_ends_with_its_reason_while_the_others_forecast()
    {
        var (exitCode, output) = await ServiceProcess.RunAsync("train", Database
            .ConnectionString, "hostile", new Dictionary<string, string>
        {
            ["Forecaster:Source:Table"] = "quotes",
            ["Forecaster:Source:KeyColumn"] = "symbol",
            ["Forecaster:Source:TimestampColumn"] = "quoted_at",
            ["Forecaster:Source:ValueColumn"] = "close",
        });

        var outcomes = (await Database.RowsAsync("SELECT series_key, status, reason_code FROM forecast_runs"))
            .ToDictionary(row => (string)row[0]!, row => $"{row[1]} {row[2]}".Trim());
        Assert.True(exitCode == 2, output);
        Assert.Equal("succeeded", outcomes["good/MSFT"]);
        Assert.Equal("succeeded", outcomes[HostileKey]);
        Assert.Equal("succeeded", outcomes["bad/few_infinities"]);
        Assert.Equal("failed invalid_values", outcomes["bad/many_zeros"]);
        Assert.Equal("failed invalid_values", outcomes["bad/all_infinite"]);
        Assert.Equal("succeeded", outcomes["bad/huge"]);
        Assert.Equal("succeeded", outcomes["bad/tiny"]);
        Assert.Equal("succeeded", outcomes["bad/huge_gap"]);
        Assert.Equal("succeeded", outcomes["bad/year_1500"]);
        Assert.Equal(
            0,
            await Database.ScalarAsync<long>(
                $"SELECT count(*) FROM series s WHERE NOT EXISTS (SELECT 1 FROM latest_forecasts f WHERE f.series_key = " +
                $"s.series_key HAVING count(*) = {ServiceProcess.Horizon}) AND s.series_key NOT IN ('bad/many_zeros', " +
                $"'bad/all_infinite')"));
        Assert.Contains(HostileKey, output, StringComparison.Ordinal);
    }
}
