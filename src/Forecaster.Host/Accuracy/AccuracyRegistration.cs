using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Forecaster.Host.Accuracy;

internal static class AccuracyRegistration
{
    /// <summary>The scoring step of a cycle and its metrics (the scorer and report come with the data layer); idempotent.</summary>
    public static IServiceCollection AddLiveAccuracy(this IServiceCollection services)
    {
        services.TryAddSingleton<AccuracyTelemetry>();
        services.TryAddSingleton<LiveAccuracy>();
        return services;
    }
}
