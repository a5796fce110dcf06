using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new OptionsFailures(RetentionOptions.SectionName);
        failures.RequireRange(nameof(options.KeepRuns), options.KeepRuns, 1, 1_000_000);
        failures.RequirePositive(nameof(options.MaxAge), options.MaxAge);
        return failures.ToResult();
    }
}
