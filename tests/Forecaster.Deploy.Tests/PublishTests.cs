using System.Diagnostics;
using System.Reflection;
using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

/// <summary>The documented publish command, for the target this machine cannot run: a Windows service build.</summary>
public sealed class PublishTests : IDisposable
{
    // Restore of the win-x64 apphost pack plus a Release build of three projects on a shared machine.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("forecaster-publish-");

    [Fact]
    public async Task Framework_dependent_win_x64_publish_produces_the_executable_the_windows_scripts_install()
    {
        var output = Path.Combine(_scratch.FullName, "out");

        // Own artifacts folder and no build servers: the suite's build runs beside this one, and a lingering
        // server would hold this process's output pipes open. The suite's build has run the analyzers already.
        var (exitCode, log) = await RunAsync(
            Repository.PathOf(Path.Combine("deploy", "scripts", "publish.sh")),
            "framework-dependent", "win-x64", "-o", output, "--",
            "--artifacts-path", Path.Combine(_scratch.FullName, "artifacts"), "--disable-build-servers", "-p:RunAnalyzers=false");

        Assert.True(exitCode == 0, log);
        var executable = Path.Combine(output, WindowsScriptsTests.ExecutableName);
        var header = new byte[2];
        await using (var stream = File.OpenRead(executable))
        {
            await stream.ReadExactlyAsync(header);
        }

        Assert.Equal("MZ"u8.ToArray(), header);
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));

        // --version prints this; built from the same commit as this test, it must carry the same "+commit".
        var published = FileVersionInfo.GetVersionInfo(Path.ChangeExtension(executable, ".dll")).ProductVersion;
        var ours = typeof(PublishTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Contains("+", ours, StringComparison.Ordinal);
        Assert.Equal(ours, published);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private static async Task<(int ExitCode, string Log)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"publish did not finish within {PublishTimeout}.");
        }

        return (process.ExitCode, $"exit {process.ExitCode}\n{await output}\n{await error}");
    }
}
