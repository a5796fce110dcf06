using Forecaster.Host.Scheduling;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Forecaster.Host.Tests;

/// <summary>New data wakes the service through LISTEN/NOTIFY; a source without the trigger still trains on schedule.</summary>
public sealed class SchedulingNewDataTests : IAsyncLifetime
{
    private const string Series = "msft_daily_short/MSFT";

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await SeededDatabase.CreateAsync("msft_daily_short.csv");
        await _database.ExecuteAsync("CREATE TABLE my_prices (LIKE prices INCLUDING ALL); INSERT INTO my_prices SELECT * FROM prices");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_new_price_of_a_trained_series_is_trained_promptly_through_the_notification()
    {
        await TrainOnceAsync();
        await using var service = await SchedulingService.StartAsync(_database.ConnectionString, "listener");
        await SchedulingService.WaitForListenerAsync(_database);

        await AddNextPriceAsync("prices");

        await SchedulingService.WaitForSucceededRunsAsync(_database, Series, 2);
        await service.Host.StopAsync();
    }

    [Fact]
    public async Task The_listener_survives_its_connection_being_terminated_and_resumes()
    {
        await TrainOnceAsync();
        await using var service = await SchedulingService.StartAsync(_database.ConnectionString, "listener");
        var firstPid = await SchedulingService.WaitForListenerAsync(_database);

        Assert.True(await _database.ScalarAsync<bool>($"SELECT pg_terminate_backend({firstPid})"));
        await SchedulingService.WaitForListenerAsync(_database, notPid: firstPid);
        await AddNextPriceAsync("prices");

        await SchedulingService.WaitForSucceededRunsAsync(_database, Series, 2);
        await service.Host.StopAsync();
    }

    [Fact]
    public async Task A_custom_source_without_the_trigger_still_trains_new_data_when_the_schedule_fires()
    {
        var customSource = new Dictionary<string, string?> { ["Forecaster:Source:Table"] = "my_prices" };
        await TrainOnceAsync(customSource);
        var listening = new Dictionary<string, string?>(customSource) { ["Forecaster:Schedule:ListenForNewData"] = "true" };
        await using var service = await SchedulingService.StartAsync(_database.ConnectionString, "listener", listening);
        await SchedulingService.WaitForListenerAsync(_database);

        await AddNextPriceAsync("my_prices");
        var scheduler = await service.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(ForecastCycleJob.Key);

        await SchedulingService.WaitForSucceededRunsAsync(_database, Series, 2);
        await service.Host.StopAsync();
    }

    private async Task TrainOnceAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        await using var trainer = await TestHost.StartAsync(_database.ConnectionString, "trainer", overrides);
        await trainer.RunCycleAsync();
        await SchedulingService.WaitForSucceededRunsAsync(_database, Series, 1);
    }

    private Task<int> AddNextPriceAsync(string table) =>
        _database.ExecuteAsync(
            $"INSERT INTO {table} SELECT series_key, ts + interval '1 day', price * 1.01 FROM {table} WHERE series_key = " +
            $"'{Series}' ORDER BY ts DESC LIMIT 1");
}
