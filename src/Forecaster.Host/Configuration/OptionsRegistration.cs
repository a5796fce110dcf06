using Forecaster.Core.Accuracy;
using Forecaster.Core.Champion;
using Forecaster.Core.Training;
using Forecaster.Data.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal static class OptionsRegistration
{
    /// <summary>Binds every section and validates it when the host starts, so bad settings stop start-up.</summary>
    public static IServiceCollection AddForecasterOptions(this IServiceCollection services)
    {
        AddValidated<ScheduleOptions, ScheduleOptionsValidator>(services, ScheduleOptions.SectionName);
        AddValidated<WorkerOptions, WorkerOptionsValidator>(services, WorkerOptions.SectionName);
        AddValidated<SeriesOptions, SeriesOptionsValidator>(services, SeriesOptions.SectionName);
        AddValidated<RetentionOptions, RetentionOptionsValidator>(services, RetentionOptions.SectionName);
        AddValidated<TelemetryOptions, TelemetryOptionsValidator>(services, TelemetryOptions.SectionName);
        AddValidated<TrainingSettings, TrainingSettingsValidator>(services, TrainingSettingsValidator.SectionName);
        AddValidated<ChampionSettings, ChampionSettingsValidator>(services, ChampionSettingsValidator.SectionName);
        AddValidated<PriceSourceOptions, SourceOptionsValidator>(services, SourceOptionsValidator.SectionName);
        AddValidated<DemotionPolicy, DemotionPolicyValidator>(services, DemotionPolicyValidator.SectionName);
        AddValidated<DatabaseOptions, DatabaseOptionsValidator>(
            services,
            DatabaseOptions.SectionName,
            nameof(DatabaseOptions.ConnectionString))
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "");
        return services;
    }

    private static OptionsBuilder<TOptions> AddValidated<TOptions, TValidator>(
        IServiceCollection services,
        string section,
        params string[] notBound)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton(new SettingsSection(section, typeof(TOptions), notBound));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
