using Microsoft.Extensions.Configuration;

namespace Forecaster.Host.Configuration;

/// <summary>
/// Keys under <c>Forecaster:</c> that no section reads: a typo (<c>DegreeOfParalelism</c>) would otherwise be
/// ignored silently and the default used. Checked over every source (appsettings, environment, command line).
/// </summary>
internal static class UnknownSettings
{
    public const string Root = "Forecaster";

    /// <summary>Settings that existed once, with what replaced them.</summary>
    private static readonly Dictionary<string, string> Removed = new(StringComparer.OrdinalIgnoreCase)
    {
        [$"{TelemetryOptions.SectionName}:HealthEndpoint"] =
            $"was removed: healthz/live and healthz/ready are served with metrics on " +
            $"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.PrometheusEndpoint)}; delete the setting",
    };

    /// <summary>One message per unknown key, naming it and the closest known key when there is one.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration, IReadOnlyCollection<SettingsSection> sections)
    {
        var known = sections.SelectMany(section => section.Keys()).ToList();
        return [.. configuration.GetSection(Root).AsEnumerable()
            .Where(setting => setting.Value is not null && !sections.Any(section => section.Binds(setting.Key)))
            .Select(setting => setting.Key)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(key => Removed.TryGetValue(key, out var replacement) ? $"{key} {replacement}."
                : Suggestions.Closest(key, known) is { } suggestion
                    ? $"{key} is not a setting; did you mean {suggestion}? (deploy/SERVICE.md lists every setting)"
                    : $"{key} is not a setting (deploy/SERVICE.md lists every setting).")];
    }
}
