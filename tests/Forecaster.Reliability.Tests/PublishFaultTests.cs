using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>A service killed or cut off in the middle of its publish transaction leaves nothing half-written.</summary>
public sealed class PublishFaultTests() : DatabaseTest("msft_daily_short.csv")
{
    private const string Series = "msft_daily_short/MSFT";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_service_killed_mid_publish_leaves_no_partial_run_and_a_restart_publishes_the_series_once()
    {
        long killedRun;
        await using (var blocker = await PublishBlocker.HoldAsync(Database.ConnectionString))
        {
            using var doomed = ServiceProcess.Start(
                "train", Database.ConnectionString, "doomed", new Dictionary<string, string> {
                    ["Forecaster:Workers:LeaseDuration"] = "00:00:03" });
            var backend = await blocker.WaitForBlockedPublishAsync(Patience);

            // Inside its transaction the run is already succeeded; outside nothing of it shows.
            Assert.Equal(["running"], (await Database.RowsAsync("SELECT status FROM forecast_runs")).Single());
            doomed.Kill();
            Assert.NotEqual(0, await doomed.WaitForExitAsync(Patience));
            killedRun = await Database.ScalarAsync<long>("SELECT run_id FROM forecast_runs");

            await blocker.ReleaseAsync();
            await Eventually.WaitUntilAsync(
                async () => await Database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {backend}") == 0,
                Patience,
                "the orphaned publish backend to end");
        }

        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
        Assert.Equal(
            ["running", "doomed", null],
            (await Database.RowsAsync(
                "SELECT r.status, s.claimed_by, s.latest_run_id FROM forecast_runs r JOIN series s USING (series_key)")).Single());

        await Eventually.WaitUntilAsync(
            async () => await Database.ScalarAsync<bool>(
                "SELECT lease_expires_at < now() FROM series"), Patience, "the killed instance's lease to expire");
        var (exitCode, output) = await ServiceProcess.RunAsync("train", Database.ConnectionString, "restarted");

        Assert.True(exitCode == 0, output);
        Assert.Equal(
            [
                [killedRun, "failed", "lease_expired", "doomed"],
                [killedRun + 1, "succeeded", null, "restarted"],
            ],
            await Database.RowsAsync("SELECT run_id, status, reason_code, instance_id FROM forecast_runs ORDER BY run_id"));
        Assert.Equal(
            [[killedRun + 1, (long)ServiceProcess.Horizon]],
            await Database.RowsAsync("SELECT run_id, count(*) FROM forecasts GROUP BY run_id"));
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
        Assert.Equal(
            ServiceProcess.Horizon,
            await Database.ScalarAsync<long>($"SELECT count(*) FROM latest_forecasts WHERE series_key = '{Series}'"));
    }

    [Fact]
    public async Task A_connection_terminated_during_the_copy_rolls_the_publish_back_and_the_retry_publishes_once()
    {
        using var service = ServiceProcess.Start("train", Database.ConnectionString, "cut");
        await using (var blocker = await PublishBlocker.HoldAsync(Database.ConnectionString))
        {
            var first = await blocker.WaitForBlockedPublishAsync(Patience);
            Assert.True(await Database.ScalarAsync<bool>($"SELECT pg_terminate_backend({first})"));

            // The whole unit of work starts again on a new connection and waits at the same lock.
            await blocker.WaitForBlockedPublishAsync(Patience, except: first);
            Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
            Assert.Equal(["running"], (await Database.RowsAsync("SELECT status FROM forecast_runs")).Single());
        }

        var exitCode = await service.WaitForExitAsync(Patience);

        Assert.True(exitCode == 0, service.Output);
        Assert.Contains("Transient database failure, retry 1", service.Output, StringComparison.Ordinal);
        Assert.Equal(["succeeded", 1], (await Database.RowsAsync("SELECT status, model_version FROM forecast_runs")).Single());
        Assert.Equal(ServiceProcess.Horizon, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
    }
}
