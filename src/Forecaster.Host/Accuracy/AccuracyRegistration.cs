using Forecaster.Core.Accuracy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Accuracy;

internal static class AccuracyRegistration
{
    /// <summary>The scoring step of a cycle, demotion and their metrics (the stores come with the data layer); idempotent.</summary>
    public static IServiceCollection AddLiveAccuracy(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DemotionPolicy>, DemotionPolicyValidator>());
        services.AddOptions<DemotionPolicy>().BindConfiguration(DemotionPolicyValidator.SectionName).ValidateOnStart();
        services.TryAddSingleton<AccuracyTelemetry>();
        services.TryAddSingleton<LiveAccuracy>();
        return services;
    }
}
