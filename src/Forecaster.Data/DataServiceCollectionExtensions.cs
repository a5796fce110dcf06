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
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forecaster.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the data layer: one <see cref="ForecasterDatabase"/> per container over the connection string
    /// <paramref name="connectionString"/> returns, and the stores built on it. Every registration is a TryAdd, so
    /// calling this twice (or after replacing one service) changes nothing. Uses the container's
    /// <see cref="ILoggerFactory"/>, <see cref="TimeProvider"/> and <see cref="IDatabaseFailureObserver"/> when
    /// registered, and <see cref="IOptions{PriceSourceOptions}"/> for the price source (the default table otherwise).
    /// </summary>
    public static IServiceCollection AddForecasterData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        services.AddOptions();
        services.TryAddSingleton(provider => ForecasterDatabase.Create(
            connectionString(provider),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IDatabaseFailureObserver>()));
        services.TryAddSingleton(provider => new PriceSource(
            provider.GetRequiredService<ForecasterDatabase>(), provider.GetRequiredService<IOptions<PriceSourceOptions>>().Value));
        services.TryAddSingleton<MigrationLevel>();
        services.TryAddSingleton<SeriesScheduler>();
        services.TryAddSingleton<NewDataListener>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<ModelStore>();
        services.TryAddSingleton<ForecastReader>();
        services.TryAddSingleton<RetentionPruner>();
        services.TryAddSingleton<PriceImporter>();
        services.TryAddSingleton<BacktestStore>();
        services.TryAddSingleton<AccuracyScorer>();
        services.TryAddSingleton<AccuracyReader>();
        services.TryAddSingleton<DemotionStore>();
        return services;
    }
}
