using System.Text.Json;
using System.Text.RegularExpressions;
using System.Runtime.Versioning;
using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

[SupportedOSPlatform("linux")]
public sealed partial class SystemdUnitTests : IDisposable
{
    private const string InstalledExecutable = "/opt/forecaster/forecaster";
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("forecaster-systemd-");

    private static string Unit => Repository.Read(Path.Combine("deploy", "systemd", "forecaster.service"));

    [Fact]
    public async Task Unit_passes_systemd_analyze_verify_without_a_single_message()
    {
        var result = await VerifyCopyAsync(unit => unit);

        // verify exits 0 on "Unknown key" and "Failed to parse ... ignoring", so any message at all is a failure.
        Assert.True(result.ExitCode == 0 && result.Output.Length == 0 && result.Error.Length == 0, result.ToString());
    }

    [Fact]
    public async Task Verify_reports_a_misspelled_directive_so_the_check_above_can_fail()
    {
        var result = await VerifyCopyAsync(unit => unit.Replace("NoNewPrivileges=", "NoNewPrivilege=", StringComparison.Ordinal));

        Assert.Contains("NoNewPrivilege", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_is_a_notify_service_with_a_dedicated_user_hardening_and_an_environment_file()
    {
        var directives = Directives(Unit);

        Assert.Equal("notify", directives["Type"].Single());
        Assert.Equal("on-failure", directives["Restart"].Single());
        Assert.Equal("forecaster", directives["User"].Single());
        Assert.Equal("/etc/forecaster/forecaster.env", directives["EnvironmentFile"].Single());
        Assert.Equal("strict", directives["ProtectSystem"].Single());
        Assert.Equal("yes", directives["NoNewPrivileges"].Single());
    }

    [Fact]
    public void Stop_timeout_leaves_room_for_the_configured_graceful_shutdown()
    {
        using var settings = JsonDocument.Parse(Repository.Read(Path.Combine("src", "Forecaster.Host", "appsettings.json")));
        var shutdown = TimeSpan.Parse(
            settings.RootElement.GetProperty("Forecaster").GetProperty("Workers").GetProperty("ShutdownTimeout").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);
        var stop = Directives(Unit)["TimeoutStopSec"].Single();

        var seconds = int.Parse(SecondsValue().Match(stop).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(TimeSpan.FromSeconds(seconds), shutdown + TimeSpan.FromSeconds(5), shutdown * 3);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>verify refuses a missing ExecStart binary, so the copy starts a real executable with the same arguments.</summary>
    private async Task<ToolResult> VerifyCopyAsync(Func<string, string> edit)
    {
        Assert.Contains($"ExecStart={InstalledExecutable} ", Unit, StringComparison.Ordinal);
        var executable = Path.Combine(_scratch.FullName, "forecaster");
        await File.WriteAllTextAsync(executable, "#!/bin/sh\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var unit = Path.Combine(_scratch.FullName, "forecaster.service");
        await File.WriteAllTextAsync(
            unit,
            edit(Unit.Replace($"ExecStart={InstalledExecutable} ", $"ExecStart={executable} ", StringComparison.Ordinal)));
        return await ExternalTool.RunAsync("systemd-analyze", "systemd", ["verify", "--man=no", unit]);
    }

    private static Dictionary<string, List<string>> Directives(string unit) =>
        unit.Split('\n')
            .Select(line => line.Trim())
            .Where(
                line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith('[') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .GroupBy(pair => pair[0], pair => pair[1])
            .ToDictionary(group => group.Key, group => group.ToList());

    [GeneratedRegex(@"^(\d+)s$")]
    private static partial Regex SecondsValue();
}
