using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Forecaster.Host.Accuracy;

internal static class AccuracyRegistration
{
    /// <summary>
    /// The scoring step of a cycle and its metrics (the stores come with the data layer, the demotion settings with the
    /// options); idempotent.
    /// </summary>
    public static IServiceCollection AddLiveAccuracy(this IServiceCollection services)
    {
        services.TryAddSingleton<AccuracyTelemetry>();
        services.TryAddSingleton<LiveAccuracy>();
        return services;
    }
}
