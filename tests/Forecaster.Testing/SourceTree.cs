using System.Reflection;

namespace Forecaster.Testing;

/// <summary>
/// The repository the tests were built from (recorded at build time), for tests that check files where they live:
/// source scans, deployment assets. Not the copies next to the test binary, which may sit in another artifacts folder.
/// </summary>
public static class SourceTree
{
    public static string Root { get; } =
        typeof(SourceTree).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("RepositoryRoot metadata is missing.");

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);
}
