using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// kill -9 of an instance with claims in flight: its series return to the others as soon as its database session
/// ends, not after its lease. And train says so, with a non-zero exit, when a live instance holds a series it was
/// asked to train, instead of "0 trained" and exit 0.
/// </summary>
public sealed class InstanceGoneTests() : DatabaseTest("dj_stocks_daily.csv", "msft_daily_short.csv")
{
    private const string Series = "msft_daily_short/MSFT";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task After_kill_9_the_next_train_takes_the_killed_instances_series_at_once_though_its_lease_runs_for_30_minutes()
    {
        var seriesCount = await Database.ScalarAsync<long>("SELECT count(*) FROM series");
        using (var doomed = ServiceProcess.Start("train", Database.ConnectionString, "doomed", new Dictionary<string, string>
        {
            ["Forecaster:Workers:LeaseDuration"] = "00:30:00",
            ["Forecaster:Workers:DegreeOfParallelism"] = "1",

            // Full-size training keeps each series busy for a while, so the kill lands mid-training.
            ["Forecaster:Training:Window"] = "32",
            ["Forecaster:Training:HiddenSize"] = "32",
            ["Forecaster:Training:MaxEpochs"] = "200",
            ["Forecaster:Training:Patience"] = "200",
        }))
        {
            await Eventually.WaitUntilAsync(
                async () => doomed.HasExited || await Database.ScalarAsync<long>(
                    "SELECT count(*) FROM forecast_runs r JOIN series s USING (series_key) WHERE r.status = 'running' " +
                    "AND r.instance_id = 'doomed' AND s.claimed_by = 'doomed'") > 0,
                Patience,
                "the doomed instance to be training a claimed series");
            Assert.False(doomed.HasExited, doomed.Output);
            doomed.Kill();
            await doomed.WaitForExitAsync(Patience);
        }

        var started = TimeProvider.System.GetTimestamp();
        var (exitCode, output) = await ServiceProcess.RunAsync("train", Database.ConnectionString, "survivor");

        Assert.True(exitCode == 0, output);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(10), "the survivor waited for the lease");
        Assert.Equal(seriesCount, await Database.ScalarAsync<long>("SELECT count(DISTINCT series_key) FROM forecast_runs " +
            "WHERE status = 'succeeded'"));
        Assert.Equal(seriesCount, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status = 'running'"));
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE instance_id = 'doomed' " +
            "AND reason_code = 'lease_expired'") >= 1);
    }

    [Fact]
    public async Task Train_names_a_series_a_live_instance_holds_exits_75_and_trains_it_once_that_instance_is_gone()
    {
        var holder = await HoldAsync("service-x");

        var asked = await ServiceProcess.RunAsync("train", Database.ConnectionString, "operator", arguments: ["--series", Series]);
        var whole = await ServiceProcess.RunAsync("train", Database.ConnectionString, "operator-all");
        await holder.DisposeAsync();
        await Eventually.WaitUntilAsync(
            async () => !await Database.ScalarAsync<bool>("SELECT " +
                "forecaster_instance_alive('service-x')"), Patience, "service-x's session to end");
        var afterwards = await ServiceProcess.RunAsync("train", Database.ConnectionString, "operator", arguments: ["--series", Series]);

        Assert.True(asked.ExitCode == 75, asked.Output);
        Assert.Contains("1 series held by another live instance, not trained here", asked.Output, StringComparison.Ordinal);
        Assert.Contains($"  {Series} by instance service-x, lease until ", asked.Output, StringComparison.Ordinal);
        Assert.True(whole.ExitCode == 75, whole.Output);
        Assert.Contains($"  {Series} by instance service-x", whole.Output, StringComparison.Ordinal);
        Assert.True(afterwards.ExitCode == 0, afterwards.Output);
        Assert.Contains("1 trained, 0 failed", afterwards.Output, StringComparison.Ordinal);
    }

    /// <summary>What a live instance looks like: its lock held on a session of its own, and a claim made under it.</summary>
    private async Task<NpgsqlConnection> HoldAsync(string instance)
    {
        var session = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await session.OpenAsync();
        await using var claim = new NpgsqlCommand(
            $"""
            SELECT forecaster_try_lock_instance('{instance}');
            UPDATE series SET next_due_at = now(), claimed_by = '{instance}', lease_expires_at = now() + interval
            '10 minutes', claim_lock_holder = '{instance}'
            WHERE series_key = '{Series}';
            """,
            session);
        await claim.ExecuteNonQueryAsync();
        return session;
    }
}
