using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>A database that refuses writes (permissions, a full disk) fails runs, not the service.</summary>
public sealed class PermissionFailureTests() : DatabaseTest("msft_daily_short.csv", "pepper_monthly.csv")
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Without_insert_on_forecasts_every_publish_fails_with_its_error_recorded_and_the_service_keeps_running()
    {
        var login = await Database.CreateServiceLoginAsync();
        await Database.ExecuteAsync("REVOKE INSERT ON forecasts FROM forecaster_service");
        var seriesCount = await Database.ScalarAsync<long>("SELECT count(*) FROM series");

        using var service = ServiceProcess.Start("run", login, "no-insert");
        await Eventually.WaitUntilAsync(
            async () => await Database.ScalarAsync<long>(
                "SELECT count(DISTINCT series_key) FROM forecast_runs WHERE status = 'failed'") == seriesCount,
            Patience,
            "a failed run for every series");

        Assert.False(service.HasExited, service.Output);
        var failures = await Database.RowsAsync("SELECT reason_code, error_text FROM forecast_runs WHERE status <> 'running'");
        Assert.All(failures, failure =>
        {
            Assert.Equal("publish_failed", failure[0]);
            Assert.Contains("permission denied for table forecasts", (string)failure[1]!, StringComparison.Ordinal);
        });
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecasts"));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM models"));
        Assert.Equal(0, await Database.ScalarAsync<long>("SELECT count(*) FROM forecast_runs WHERE status = 'succeeded'"));
    }
}
