using Forecaster.Data.Access;
using Forecaster.Data.Accuracy;
using Forecaster.Data.Backtests;
using Forecaster.Data.Import;
using Forecaster.Data.Migrations;
using Forecaster.Data.Results;
using Forecaster.Data.Runs;
using Forecaster.Data.Scheduling;
using Forecaster.Data.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecaster.Data.Tests;

public sealed class DataRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Database=registration;Username=nobody";

    private static readonly Type[] DataServices =
    [
        typeof(ForecasterDatabase), typeof(PriceSource), typeof(MigrationLevel), typeof(SeriesScheduler), typeof(NewDataListener),
        typeof(RunStore), typeof(ModelStore), typeof(ForecastReader), typeof(RetentionPruner), typeof(PriceImporter), typeof(BacktestStore),
        typeof(AccuracyScorer), typeof(AccuracyReader), typeof(DemotionStore),
    ];

    [Fact]
    public async Task Every_store_resolves_as_one_singleton_over_one_database()
    {
        await using var provider = new ServiceCollection().AddForecasterData(_ => ConnectionString).BuildServiceProvider();

        foreach (var type in DataServices)
        {
            Assert.Same(provider.GetRequiredService(type), provider.GetRequiredService(type));
        }

        Assert.Contains(
            "Database=registration",
            provider.GetRequiredService<ForecasterDatabase>().DataSource.ConnectionString,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Calling_it_twice_registers_each_service_once()
    {
        var once = new ServiceCollection().AddForecasterData(_ => ConnectionString);
        var twice = new ServiceCollection().AddForecasterData(_ => ConnectionString).AddForecasterData(_ => "Host=elsewhere");

        Assert.Equal(once.Select(service => service.ServiceType), twice.Select(service => service.ServiceType));
        Assert.All(DataServices, type => Assert.Single(twice, service => service.ServiceType == type));
    }

    [Fact]
    public async Task A_service_registered_before_is_kept_and_the_configured_price_source_is_used()
    {
        var custom = PriceSourceOptions.Default with { Table = "my_prices" };
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(custom));
        await using var database = ForecasterDatabase.Create(ConnectionString);
        services.AddSingleton(database);

        await using var provider = services.AddForecasterData(_ => "Host=never-used").BuildServiceProvider();

        Assert.Same(database, provider.GetRequiredService<ForecasterDatabase>());
        Assert.Equal(custom, provider.GetRequiredService<PriceSource>().Options);
    }
}
