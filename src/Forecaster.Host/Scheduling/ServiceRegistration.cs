using Forecaster.Host.Configuration;
using Forecaster.Host.Hosting;
using Forecaster.Host.Startup;
using Forecaster.Host.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Forecaster.Host.Scheduling;

/// <summary>The long-running service: the clustered Quartz schedule plus this instance's poller and new-data listener.</summary>
public static class ServiceRegistration
{
    public const string TablePrefix = "qrtz_";

    /// <summary>
    /// Misfire policy: a firing missed while every instance was down (or busy past the threshold) fires
    /// once as soon as an instance is back, then the cron resumes. Several missed firings collapse into
    /// that one, which is right here: a cycle trains whatever is due, however many firings it stands for.
    /// </summary>
    public const CronTriggerMisfireInstruction MisfirePolicy = CronTriggerMisfireInstruction.FireAndProceed;

    public static HostApplicationBuilder AddScheduledService(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "";
        var instanceId = builder.Configuration[$"{WorkerOptions.SectionName}:{nameof(WorkerOptions.InstanceId)}"];
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "forecaster";
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
                if (string.IsNullOrWhiteSpace(instanceId))
                {
                    scheduler.GenerateInstanceId = true;
                }
                else
                {
                    scheduler.InstanceId = instanceId;
                }
            });

            // The job only marks and joins; two threads leave room for a misfire catch-up beside it.
            quartz.UseDefaultThreadPool(2);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseConnectionProvider(_ => new DataSourceDbProvider(connectionString));
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = TablePrefix;

                    // The tables come from a migration, so the service login never needs DDL rights.
                    options.SchemaProvisioning = SchemaProvisioning.Validate;
                });
                store.UseClustering(clustering => clustering.CheckinInterval = TimeSpan.FromSeconds(10));
            });
            quartz.AddJob<ForecastCycleJob>(job => job.WithIdentity(ForecastCycleJob.Key).StoreDurably().DisallowConcurrentExecution());

            // Resolved when the scheduler starts, after options validation has vetted the cron and time zone.
            quartz.AddTrigger((provider, trigger) =>
            {
                var schedule = provider.GetRequiredService<IOptions<ScheduleOptions>>().Value;
                trigger.ForJob(ForecastCycleJob.Key)
                    .WithIdentity("forecast-cycle", "forecaster")
                    .WithCronSchedule(schedule.Cron, cron => cron
                        .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone))
                        .WithMisfireInstruction(MisfirePolicy));
            });
        });
        // The service waits out a database that is not up yet; the scheduler's store needs it, so it starts after.
        builder.Services.Replace(ServiceDescriptor.Singleton(new StartupMode(WaitForDatabase: true)));
        builder.Services.AddInstancePresence();
        builder.Services.AddHostedService<SchedulerStart>();
        builder.Services.AddHostedService<DueSeriesPoller>();
        builder.Services.AddSingleton<DrainSignal>();
        builder.Services.AddHostedService<NewDataWakeUp>();
        builder.Services.AddTelemetryServices();
        return builder;
    }
}
