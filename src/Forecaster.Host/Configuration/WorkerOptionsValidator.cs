using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new OptionsFailures(WorkerOptions.SectionName);
        failures.RequireRange(nameof(options.DegreeOfParallelism), options.DegreeOfParallelism, 1, 1024);
        failures.RequireRange(nameof(options.ClaimBatchSize), options.ClaimBatchSize, 1, 1000);
        failures.RequirePositive(nameof(options.ShutdownTimeout), options.ShutdownTimeout);
        failures.RequirePositive(nameof(options.PollInterval), options.PollInterval);
        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            // Renewal runs at a third of the lease; below a second it would hammer the database.
            failures.Add(nameof(options.LeaseDuration), options.LeaseDuration, "must be at least 00:00:01");
        }

        return failures.ToResult();
    }
}
