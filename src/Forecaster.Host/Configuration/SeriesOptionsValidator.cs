using Forecaster.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

internal sealed class SeriesOptionsValidator : IValidateOptions<SeriesOptions>
{
    public ValidateOptionsResult Validate(string? name, SeriesOptions options)
    {
        var failures = new OptionsFailures(SeriesOptions.SectionName);
        failures.RequireRange(nameof(options.HistoryPoints), options.HistoryPoints, 3, 10_000_000);
        if (!Enum.IsDefined(options.InvalidValues))
        {
            failures.Add(
                nameof(options.InvalidValues),
                options.InvalidValues,
                $"must be one of {string.Join(", ", Enum.GetNames<InvalidValuePolicy>())}");
        }

        if (!(options.MaxInvalidShare >= 0 && options.MaxInvalidShare < 1))
        {
            failures.Add(nameof(options.MaxInvalidShare), options.MaxInvalidShare, "must be in [0, 1)");
        }

        return failures.ToResult();
    }
}
