using Forecaster.Testing;

namespace Forecaster.Deploy.Tests.Support;

/// <summary>
/// Paths of the repository's deployment assets, checked where they live (compose resolves its bind mounts against the
/// real tree).
/// </summary>
internal static class Repository
{
    public static string Root => SourceTree.Root;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
