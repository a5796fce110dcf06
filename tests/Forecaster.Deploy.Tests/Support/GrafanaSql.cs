using System.Globalization;
using System.Text.RegularExpressions;

namespace Forecaster.Deploy.Tests.Support;

/// <summary>
/// Expands the few Grafana macros and variables the dashboard's SQL uses the way Grafana's PostgreSQL data
/// source does, so the statement PostgreSQL receives can be run here. Anything left unexpanded is an error:
/// a macro this class does not know would reach PostgreSQL as invalid SQL.
/// </summary>
internal static partial class GrafanaSql
{
    public static string Expand(string sql, DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<string, string> variables)
    {
        var expanded = TimeFilter().Replace(sql, match =>
            $"{match.Groups[1].Value} BETWEEN '{Timestamp(from)}' AND '{Timestamp(to)}'");
        expanded = SqlStringVariable().Replace(expanded, match =>
            "'" + variables[match.Groups[1].Value].Replace("'", "''", StringComparison.Ordinal) + "'");
        if (expanded.Contains('$', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpanded Grafana macro or variable in:\n{expanded}");
        }

        return expanded;
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$__timeFilter\(([^)]+)\)")]
    private static partial Regex TimeFilter();

    [GeneratedRegex(@"\$\{(\w+):sqlstring\}")]
    private static partial Regex SqlStringVariable();
}
