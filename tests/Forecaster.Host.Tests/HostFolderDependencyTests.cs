using System.Text.RegularExpressions;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary>
/// The host's folders (one namespace each) depend on each other one way only (issue 15 item 2): a folder that uses
/// another must not be used by it. Read from the source: a file depends on every host namespace it names in code
/// (a using directive, a qualified or parent-relative name) and on the namespace it declares, when that is not its
/// folder's. Comments do not count: a cref to a caller documents it without depending on it.
/// </summary>
public sealed partial class HostFolderDependencyTests
{
    private static readonly DirectoryInfo Host = new(SourceTree.PathOf(Path.Combine("src", "Forecaster.Host")));

    [Fact]
    public void No_two_host_folders_depend_on_each_other()
    {
        var files = SourceFiles();
        var edges = FolderDependencies(files, [.. files.Select(file => file.Folder).Where(folder => folder.Length > 0).Distinct()]);

        var twoWay = edges
            .Where(edge => string.CompareOrdinal(edge.Key.From, edge.Key.To) < 0 && edges.ContainsKey((edge.Key.To, edge.Key.From)))
            .Select(edge =>
                $"{edge.Key.From} -> {edge.Key.To} ({string.Join(", ", edge.Value)}) and " +
                $"{edge.Key.To} -> {edge.Key.From} ({string.Join(", ", edges[(edge.Key.To, edge.Key.From)])})")
            .ToList();

        Assert.True(twoWay.Count == 0, "Two-way folder dependencies in Forecaster.Host:\n" + string.Join('\n', twoWay));
    }

    [Fact]
    public void The_scan_sees_every_kind_of_reference_and_ignores_comments()
    {
        var edges = FolderDependencies(
            [
                ("Cycle", "Runner.cs", "using Forecaster.Host.Telemetry;\nnamespace Forecaster.Host.Cycle;"),
                ("Cycle", "Job.cs", "namespace Forecaster.Host.Cycle;\nclass Job { Scheduling.Quartz q; Forecaster.Host.Health.Check c; }"),
                ("Cycle", "Log.cs", "namespace Forecaster.Host.Logging;"),
                ("Cycle", "Doc.cs", "namespace Forecaster.Host.Cycle;\n/// <see cref=\"Hosting.Host\"/>\n// Forecaster.Host.Cli\n"),
                ("Cycle", "Local.cs", "namespace Forecaster.Host.Cycle;\nclass L { int M(L x) => x.Scheduling.Count + Cycle.Size; }"),
            ],
            ["Cli", "Cycle", "Health", "Hosting", "Logging", "Scheduling", "Telemetry"]);

        Assert.Equal(
            ["Health", "Logging", "Scheduling", "Telemetry"],
            edges.Keys.Where(edge => edge.From == "Cycle").Select(edge => edge.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_host_folder_is_a_namespace_the_scan_can_see()
    {
        var folders = SourceFiles().Select(file => file.Folder).Where(folder => folder.Length > 0).Distinct().ToList();

        Assert.True(folders.Count >= 8, string.Join(", ", folders));
        Assert.All(folders, folder => Assert.Matches("^[A-Z][A-Za-z]+$", folder));
        // A global using would make a folder visible everywhere without a trace in the files.
        Assert.DoesNotContain(SourceFiles(), file => file.Text.Contains("global using Forecaster.Host", StringComparison.Ordinal));
        Assert.DoesNotMatch(
            @"<Using\s+Include=""Forecaster\.Host", File.ReadAllText(Path.Combine(Host.FullName, "Forecaster.Host.csproj")));
    }

    private static List<(string Folder, string Name, string Text)> SourceFiles() =>
        [.. Host.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Host.FullName, file.FullName).Split(Path.DirectorySeparatorChar))
            .Where(parts => parts[0] is not ("bin" or "obj"))
            .Select(parts => (
                parts.Length > 1 ? parts[0] : "",
                string.Join('/', parts),
                File.ReadAllText(Path.Combine([Host.FullName, .. parts]))))];

    /// <summary>(from folder, to folder) → the files of the first that name the second.</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> FolderDependencies(
        IEnumerable<(string Folder, string Name, string Text)> files, IReadOnlyCollection<string> folders)
    {
        // Inside namespace Forecaster.Host.X, "Y.Type" binds to Forecaster.Host.Y.Type through the parent namespace.
        var parentRelative = new Regex($@"(?<![\w.])(?<folder>{string.Join('|', folders)})\.(?=[A-Z])");
        var edges = new Dictionary<(string From, string To), SortedSet<string>>();
        foreach (var (folder, name, text) in files)
        {
            var code = Comment().Replace(text, "");
            var named = Qualified().Matches(code).Select(match => match.Groups["folder"].Value)
                .Concat(parentRelative.Matches(code).Select(match => match.Groups["folder"].Value));
            foreach (var target in named.Where(target => target != folder))
            {
                var key = (folder, target);
                if (!edges.TryGetValue(key, out var via))
                {
                    edges[key] = via = new SortedSet<string>(StringComparer.Ordinal);
                }

                via.Add(name);
            }
        }

        return edges;
    }

    // Line and block comments, XML documentation included (string literals containing "//" are rare enough here).
    [GeneratedRegex(@"//[^\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex Comment();

    // using directives, aliases, using static and fully qualified names, and the declared namespace.
    [GeneratedRegex(@"\bForecaster\.Host\.(?<folder>[A-Z]\w*)")]
    private static partial Regex Qualified();
}
