using Forecaster.Data.Sources;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>Catches malformed names before any SQL is built; whether they exist is checked against the database at start.</summary>
internal sealed class SourceOptionsValidator : IValidateOptions<PriceSourceOptions>
{
    public const string SectionName = "Forecaster:Source";

    public ValidateOptionsResult Validate(string? name, PriceSourceOptions options)
    {
        var invalid = options.InvalidNames();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(invalid.Select(setting => $"{SectionName}:{setting}: must be a plain SQL " +
                $"identifier (letters, digits, '_' or '$', not starting with a digit)"));
    }
}
