using Forecaster.Host.Scheduling;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary>
/// The <c>run</c> verb's service (Quartz cycle, poller, new-data listener) over a test database, with the cron,
/// the start-up catch-up and the poll tick all out of the way: only a notification or a test can start training.
/// </summary>
internal static class SchedulingService
{
    public const string ListeningQuery = "LISTEN forecaster_new_data";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task<TestHost> StartAsync(
        string connectionString,
        string instanceId,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Forecaster:Schedule:Cron"] = "0 0 0 1 1 ? 2099",
            ["Forecaster:Schedule:CatchUpOnStart"] = "false",
            ["Forecaster:Schedule:ListenRetryMaxDelay"] = "00:00:01",
            ["Forecaster:Schedule:ListenKeepAlive"] = "00:10:00",
            ["Forecaster:Workers:PollInterval"] = "01:00:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestHost.StartAsync(connectionString, instanceId, settings, configure: builder => builder.AddScheduledService());
    }

    /// <summary>The backend holding the listening connection; its last statement stays the LISTEN while it is quiet.</summary>
    public static Task<int> WaitForListenerAsync(TestDatabase database, int notPid = 0) =>
        Eventually.WaitForAsync<int>(
            async () => (await database.RowsAsync(
                $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = '{ListeningQuery}' AND pid <> {notPid}"))
                .Select(row => (int)row[0]!).FirstOrDefault() is > 0 and var pid ? pid : null,
            Patience,
            "a connection listening for new data");

    public static Task WaitForSucceededRunsAsync(TestDatabase database, string seriesKey, long count) =>
        Eventually.WaitUntilAsync(
            async () => await database.ScalarAsync<long>(
                $"SELECT count(*) FROM forecast_runs WHERE series_key = '{seriesKey}' AND status = 'succeeded'") >= count,
            Patience,
            $"{count} succeeded run(s) of {seriesKey}");
}
