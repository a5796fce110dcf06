namespace Forecaster.Host.Tests.Support;

/// <summary>The real price files of deploy/data, copied next to the test binary by the project file.</summary>
internal static class RepositoryData
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "data");

    public static FileInfo File(string name) => new(Path.Combine(Folder, name));
}
