using Forecaster.Core.Training;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>Surfaces the core's own range checks at start-up, under their configuration keys.</summary>
internal sealed class TrainingSettingsValidator : IValidateOptions<TrainingSettings>
{
    public const string SectionName = "Forecaster:Training";

    public ValidateOptionsResult Validate(string? name, TrainingSettings options)
    {
        var failures = new OptionsFailures(SectionName);
        foreach (var problem in options.Validate())
        {
            failures.Add(problem.Setting, problem.Value, problem.Requirement);
        }

        return failures.ToResult();
    }
}
