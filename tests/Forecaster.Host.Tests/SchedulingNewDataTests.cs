using Forecaster.Host.Scheduling;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Forecaster.Host.Tests;

/// <summary>New data wakes the service through LISTEN/NOTIFY; a source without the trigger still trains on schedule.</summary>
public sealed class SchedulingNewDataTests() : DatabaseTest("msft_daily_short.csv")
{
    private const string Series = "msft_daily_short/MSFT";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync("CREATE TABLE my_prices (LIKE prices INCLUDING ALL); INSERT INTO my_prices SELECT * FROM prices");
    }

    [Fact]
    public async Task A_new_price_of_a_trained_series_is_trained_promptly_through_the_notification()
    {
        await TrainOnceAsync();
        await using var service = await SchedulingService.StartAsync(Database.ConnectionString, "listener");
        await SchedulingService.WaitForListenerAsync(Database);

        await AddNextPriceAsync("prices");

        await SchedulingService.WaitForSucceededRunsAsync(Database, Series, 2);
        await service.Host.StopAsync();
    }

    [Fact]
    public async Task The_listener_survives_its_connection_being_terminated_and_resumes()
    {
        await TrainOnceAsync();
        await using var service = await SchedulingService.StartAsync(Database.ConnectionString, "listener");
        var firstPid = await SchedulingService.WaitForListenerAsync(Database);

        Assert.True(await Database.ScalarAsync<bool>($"SELECT pg_terminate_backend({firstPid})"));
        await SchedulingService.WaitForListenerAsync(Database, notPid: firstPid);
        await AddNextPriceAsync("prices");

        await SchedulingService.WaitForSucceededRunsAsync(Database, Series, 2);
        await service.Host.StopAsync();
    }

    [Fact]
    public async Task A_custom_source_without_the_trigger_still_trains_new_data_when_the_schedule_fires()
    {
        var customSource = new Dictionary<string, string?> { ["Forecaster:Source:Table"] = "my_prices" };
        await TrainOnceAsync(customSource);
        var listening = new Dictionary<string, string?>(customSource) { ["Forecaster:Schedule:ListenForNewData"] = "true" };
        await using var service = await SchedulingService.StartAsync(Database.ConnectionString, "listener", listening);
        await SchedulingService.WaitForListenerAsync(Database);

        await AddNextPriceAsync("my_prices");
        var scheduler = await service.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(ForecastCycleJob.Key);

        await SchedulingService.WaitForSucceededRunsAsync(Database, Series, 2);
        await service.Host.StopAsync();
    }

    private async Task TrainOnceAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        await using var trainer = await TestHost.StartAsync(Database.ConnectionString, "trainer", overrides);
        await trainer.RunCycleAsync();
        await SchedulingService.WaitForSucceededRunsAsync(Database, Series, 1);
    }

    private Task<int> AddNextPriceAsync(string table) =>
        Database.ExecuteAsync(
            $"INSERT INTO {table} SELECT series_key, ts + interval '1 day', price * 1.01 FROM {table} WHERE series_key = " +
            $"'{Series}' ORDER BY ts DESC LIMIT 1");
}
