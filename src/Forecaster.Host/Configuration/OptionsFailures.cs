using System.Globalization;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Configuration;

/// <summary>
/// Collects every bad setting of one section before failing, so an operator fixes a configuration in one
/// pass; each message names the full configuration key and the value that was given.
/// </summary>
internal sealed class OptionsFailures(string section)
{
    private readonly List<string> _failures = [];

    public void Add(string setting, object? value, string requirement) =>
        _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{setting} = '{value}': {requirement}"));

    public void RequirePositive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Add(setting, value, "must be a positive duration (e.g. 00:05:00)");
        }
    }

    public void RequireRange(string setting, int value, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            Add(setting, value, $"must be between {minimum} and {maximum}");
        }
    }

    public ValidateOptionsResult ToResult() =>
        _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
