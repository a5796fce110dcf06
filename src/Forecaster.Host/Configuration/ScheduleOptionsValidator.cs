using Microsoft.Extensions.Options;
using Quartz;

namespace Forecaster.Host.Configuration;

internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var failures = new OptionsFailures(ScheduleOptions.SectionName);
        if (string.IsNullOrWhiteSpace(options.Cron) || !CronExpression.TryParse(options.Cron, out _))
        {
            failures.Add(nameof(options.Cron), options.Cron, "must be a Quartz cron expression with seconds first, e.g. '0 0 * * * ?'");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add(nameof(options.TimeZone), options.TimeZone, "must be a time zone id known to this machine, e.g. 'UTC'");
        }

        failures.RequirePositive(nameof(options.MaxModelAge), options.MaxModelAge);
        failures.RequirePositive(nameof(options.ListenRetryMaxDelay), options.ListenRetryMaxDelay);
        failures.RequirePositive(nameof(options.ListenKeepAlive), options.ListenKeepAlive);
        return failures.ToResult();
    }
}
