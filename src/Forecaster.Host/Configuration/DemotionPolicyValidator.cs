using Forecaster.Core.Accuracy;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>Binds <see cref="DemotionPolicy"/> from <c>Forecaster:Accuracy:Demotion</c> and reports every bad setting at once.</summary>
internal sealed class DemotionPolicyValidator : IValidateOptions<DemotionPolicy>
{
    public const string SectionName = "Forecaster:Accuracy:Demotion";

    public ValidateOptionsResult Validate(string? name, DemotionPolicy options)
    {
        var failures = new OptionsFailures(SectionName);
        failures.RequireRange(nameof(options.Window), options.Window, 2, 10_000);
        failures.RequireRange(nameof(options.MinimumPoints), options.MinimumPoints, 2, Math.Max(2, options.Window));
        if (!(options.Significance is > 0 and <= 0.5))
        {
            failures.Add(nameof(options.Significance), options.Significance, "must be in (0, 0.5], e.g. 0.05");
        }

        return failures.ToResult();
    }
}
