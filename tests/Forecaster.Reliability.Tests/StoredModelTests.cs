using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>A damaged model, or one of a format this build does not read, costs a warm start, never the run.</summary>
public sealed class StoredModelTests() : DatabaseTest("msft_daily_short.csv", "pepper_monthly.csv")
{
    private const string Corrupt = "msft_daily_short/MSFT";
    private const string OtherFormat = "pepper_monthly/black";
    private const string Intact = "pepper_monthly/white";

    [Fact]
    public async Task An_unreadable_stored_model_means_a_cold_start_that_publishes_and_the_others_still_warm_start()
    {
        var first = await ServiceProcess.RunAsync("train", Database.ConnectionString, "first");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(3, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));

        // Random bytes for one; for the other a valid blob whose header claims format 0 (bytes 4-5, little-endian).
        await Database.ExecuteAsync($"UPDATE models SET blob = '\\xdeadbeef0102030405'::bytea WHERE series_key = '{Corrupt}'");
        await Database.ExecuteAsync(
            $"UPDATE models SET blob = overlay(blob PLACING '\\x0000'::bytea FROM 5 FOR 2) WHERE series_key = '{OtherFormat}'");
        await Database.ExecuteAsync(
            "INSERT INTO prices SELECT series_key, max(ts) + interval '31 days', (array_agg(price ORDER BY ts DESC))[1] " +
            "FROM prices GROUP BY series_key");

        var second = await ServiceProcess.RunAsync("train", Database.ConnectionString, "second");

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains($"{Corrupt}: stored model version 1 cannot be read", second.Output, StringComparison.Ordinal);
        Assert.Contains($"{OtherFormat}: stored model version 1 cannot be read", second.Output, StringComparison.Ordinal);
        var latest = await Database.RowsAsync(
            "SELECT r.series_key, r.status, r.warm_started, r.model_version FROM series s JOIN forecast_runs r ON " +
            "r.run_id = s.latest_run_id WHERE r.instance_id = 'second' ORDER BY 1");
        Assert.Equal([[Corrupt, "succeeded", false, 2], [OtherFormat, "succeeded", false, 2], [Intact, "succeeded", true, 2]], latest);
    }
}
