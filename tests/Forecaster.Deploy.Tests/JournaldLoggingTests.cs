using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Forecaster.Deploy.Tests.Support;
using Forecaster.Host.Hosting;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// The host detects systemd by its parent process's name; a parent named <c>systemd</c> (a link to bash)
/// makes the real executable log as it would under the unit, without a running systemd.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class JournaldLoggingTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("forecaster-journald-");

    [Fact]
    public async Task Under_systemd_a_failed_start_logs_single_lines_with_syslog_priorities_and_no_colours()
    {
        var parent = Path.Combine(_scratch.FullName, "systemd");
        File.CreateSymbolicLink(parent, "/bin/bash");
        var executable = Path.Combine(Path.GetDirectoryName(typeof(ForecasterHost).Assembly.Location)!, "forecaster");

        // A taken port fails the start at once (an unreachable database would be waited for, not fail).
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();

        // "; exit" keeps bash from replacing itself with the service, which would leave systemd's name behind.
        var result = await ExternalTool.RunAsync(
            "bash",
            "bash",
            ["-c", "\"$0\" -c '\"$0\" run; exit $?' \"$1\"", parent, executable],
            environment: new Dictionary<string, string>
            {
                ["ConnectionStrings__Forecaster"] = "Host=127.0.0.1;Port=1;Database=forecaster;Username=forecaster;Timeout=2",
                ["Forecaster__Telemetry__PrometheusEndpoint"] = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}/",
                ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true",
            });

        var output = result.Output + result.Error;
        Assert.Equal(78, result.ExitCode);
        Assert.Contains("<3>Microsoft.Extensions.Hosting.Internal.Host[11] Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail: ", output, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
