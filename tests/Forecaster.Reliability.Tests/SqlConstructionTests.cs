using System.Text.RegularExpressions;
using Forecaster.Testing;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// Scans the product's source for SQL text built from values. A SQL statement literal may interpolate only
/// names that are SQL-identifier-quoted (assigned from <c>SqlIdentifier.Quote</c>), compile-time constants or
/// fragment helpers called with literals only;
/// values go in parameters. Concatenating onto a statement literal is refused outright.
/// </summary>
public sealed partial class SqlConstructionTests
{
    private static readonly DirectoryInfo SourceRoot = FindSourceRoot();

    [Fact]
    public void Sql_statements_interpolate_only_quoted_identifiers_or_constants_and_are_never_concatenated()
    {
        var files = SourceRoot.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(
                file => !file.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (Name: Path.GetRelativePath(SourceRoot.FullName, file.FullName), Text: File.ReadAllText(file.FullName)))
            .ToList();
        var allSource = string.Concat(files.Select(file => file.Text));
        var statements = 0;
        var problems = new List<string>();
        foreach (var (name, text) in files)
        {
            foreach (Match literal in StringLiteral().Matches(text))
            {
                var body = literal.Groups["body"].Value;
                if (!SqlStatement().IsMatch(body))
                {
                    continue;
                }

                statements++;
                if (ConcatenatedAfter().IsMatch(text[(literal.Index + literal.Length)..])
                    || ConcatenatedBefore().IsMatch(text[..literal.Index]))
                {
                    problems.Add($"{name}: SQL built by concatenation: {Shorten(body)}");
                }

                if (!literal.Groups["interpolated"].Success)
                {
                    continue;
                }

                foreach (Match hole in Hole().Matches(body))
                {
                    var expression = hole.Groups["expression"].Value;
                    var member = MemberPath().Match(expression).Groups["member"];
                    var safe = ConstantFragmentCall().IsMatch(expression) || member.Success && (
                        Regex.IsMatch(allSource, $@"\b{Regex.Escape(member.Value)}\s*=\s*SqlIdentifier\.Quote\(")
                        || Regex.IsMatch(allSource, $@"\bconst\s+(?:string|int|long)\s+{Regex.Escape(member.Value)}\b"));
                    if (!safe)
                    {
                        problems.Add(
                            $"{name}: SQL interpolates '{hole.Value}', neither a quoted identifier nor a constant: {Shorten(body)}");
                    }
                }
            }
        }

        // The scan must see the product's statements, or it proves nothing.
        Assert.True(statements > 30, $"only {statements} SQL statements found under {SourceRoot.FullName}");
        Assert.Empty(problems);
    }

    [Fact]
    public void The_host_holds_no_sql_every_statement_lives_in_the_data_layer()
    {
        var host = new DirectoryInfo(Path.Combine(SourceRoot.FullName, "Forecaster.Host"));
        var offending = host.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(
                file => !file.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (Name: file.Name, Text: File.ReadAllText(file.FullName)))
            .Where(file => CommandType().IsMatch(file.Text)
                || StringLiteral().Matches(file.Text).Any(literal => SqlStatement().IsMatch(literal.Groups["body"].Value)))
            .Select(file => file.Name)
            .ToList();

        Assert.True(host.Exists, host.FullName);
        Assert.Empty(offending);
    }

    private static string Shorten(string sql) => sql.Length > 100 ? sql[..100] + "…" : sql;

    private static DirectoryInfo FindSourceRoot() => new(SourceTree.PathOf("src"));

    // Regular, verbatim, interpolated and raw string literals (raw first: it contains the others' quotes).
    [GeneratedRegex(@"(?<interpolated>\$+)?@?(?:""""""(?<body>[\s\S]*?)""""""|""(?<body>(?:[^""\\\n]|\\.)*)"")")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(
        @"^\s*(SELECT|INSERT|UPDATE|DELETE|COPY|WITH|CREATE|DROP|ALTER|GRANT|REVOKE|LOCK|TRUNCATE|EXPLAIN)\s",
        RegexOptions.IgnoreCase)]
    private static partial Regex SqlStatement();

    [GeneratedRegex(
        @"\bNpgsql(Command|Batch|BatchCommand|BinaryImporter)\b|" +
        @"\.(BeginBinaryImport|BeginTextImport|ExecuteScalar|ExecuteReader|ExecuteNonQuery)")]
    private static partial Regex CommandType();

    [GeneratedRegex(@"\{(?<expression>[^{}]+)\}")]
    private static partial Regex Hole();

    // A SQL fragment helper called with literals only (SeriesKeyFilter.Sql("s.series_key")) yields constant text.
    [GeneratedRegex(@"^(?:[A-Za-z_][A-Za-z0-9_]*\.)*[A-Za-z_][A-Za-z0-9_]*\(\s*""[^""]*""(?:\s*,\s*""[^""]*"")*\s*\)$")]
    private static partial Regex ConstantFragmentCall();

    // Only a plain member access qualifies: a call, operator or format specifier is a computed value.
    [GeneratedRegex(@"^(?:[A-Za-z_][A-Za-z0-9_]*\.)*(?<member>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex MemberPath();

    [GeneratedRegex(@"^\s*\+")]
    private static partial Regex ConcatenatedAfter();

    [GeneratedRegex(@"\+\s*$")]
    private static partial Regex ConcatenatedBefore();
}
