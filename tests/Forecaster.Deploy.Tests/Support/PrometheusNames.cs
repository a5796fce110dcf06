using System.Text.RegularExpressions;

namespace Forecaster.Deploy.Tests.Support;

/// <summary>The service's metric names referenced by PromQL, and the names a Prometheus text exposition defines.</summary>
internal static partial class PrometheusNames
{
    /// <summary>
    /// Names the alert rules already use but the host does not expose yet (agreed with the host engineer).
    /// Kept honest by a test that fails once the host exposes one, so it can be taken off this list.
    /// </summary>
    public static readonly IReadOnlySet<string> AwaitedFromHost = new HashSet<string>(StringComparer.Ordinal);

    public static IEnumerable<string> ReferencedBy(string promql) =>
        ServiceMetricName().Matches(promql).Select(match => match.Value);

    public static IReadOnlySet<string> ExposedBy(string exposition) =>
        exposition.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny([' ', '{'])])
            .ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> AlertExpressions() =>
        Yaml.Load("deploy/prometheus/alerts.yml").Child("groups").Items()
            .SelectMany(group => group.Child("rules").Items())
            .Select(rule => rule.Child("expr").Text() ?? throw new InvalidOperationException("A rule has no expr."));

    [GeneratedRegex(@"\bforecaster_[a-z0-9_]+")]
    private static partial Regex ServiceMetricName();
}
