using System.Runtime.Versioning;
using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// deploy/systemd/install.sh run for real into a scratch root (--root): the user goes into that root's
/// /etc/passwd and systemctl only writes enablement links there, so nothing on this machine changes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SystemdInstallTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("forecaster-install-");

    public SystemdInstallTests()
    {
        Directory.CreateDirectory(InRoot("etc"));
        foreach (var database in new[] { "passwd", "group", "shadow", "gshadow" })
        {
            File.WriteAllText(InRoot("etc", database), "");
        }

        Directory.CreateDirectory(PublishDir);
        File.WriteAllText(Path.Combine(PublishDir, "forecaster"), "#!/bin/sh\n");
        File.SetUnixFileMode(
            Path.Combine(PublishDir, "forecaster"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(PublishDir, "appsettings.json"), "{}");
    }

    private string Root => Path.Combine(_scratch.FullName, "root");

    private string PublishDir => Path.Combine(_scratch.FullName, "publish");

    private string EnvironmentFile => InRoot("etc", "forecaster", "forecaster.env");

    [Fact]
    public async Task Install_creates_the_user_the_build_the_unit_a_secret_environment_file_and_enables_the_service()
    {
        var result = await InstallAsync(PublishDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(ServiceUsers());
        Assert.EndsWith(":/var/lib/forecaster:/usr/sbin/nologin", ServiceUsers().Single(), StringComparison.Ordinal);
        Assert.True(File.Exists(InRoot("opt", "forecaster", "forecaster")));
        Assert.Equal(
            Repository.Read(Path.Combine("deploy", "systemd", "forecaster.service")),
            File.ReadAllText(InRoot("etc", "systemd", "system", "forecaster.service")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvironmentFile));
        Assert.Contains("ConnectionStrings__Forecaster=", File.ReadAllText(EnvironmentFile), StringComparison.Ordinal);
        Assert.Equal(
            "/etc/systemd/system/forecaster.service",
            new FileInfo(InRoot("etc", "systemd", "system", "multi-user.target.wants", "forecaster.service")).LinkTarget);
    }

    [Fact]
    public async Task Installing_again_replaces_the_build_but_keeps_the_operators_settings_and_tightens_their_permissions()
    {
        Assert.Equal(0, (await InstallAsync(PublishDir)).ExitCode);
        const string Settings = "ConnectionStrings__Forecaster=Host=db;Database=forecaster\n";
        File.WriteAllText(EnvironmentFile, Settings);
        File.SetUnixFileMode(EnvironmentFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        File.WriteAllText(InRoot("opt", "forecaster", "left-over.dll"), "");
        File.Delete(Path.Combine(PublishDir, "appsettings.json"));

        var result = await InstallAsync(PublishDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(ServiceUsers());
        Assert.Equal(["forecaster"], Directory.GetFiles(InRoot("opt", "forecaster")).Select(Path.GetFileName));
        Assert.Equal(Settings, File.ReadAllText(EnvironmentFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvironmentFile));
    }

    [Fact]
    public async Task Uninstall_removes_the_service_build_and_user_but_keeps_the_environment_file()
    {
        Assert.Equal(0, (await InstallAsync(PublishDir)).ExitCode);

        var result = await RunScriptAsync("--root", Root, "--uninstall");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(ServiceUsers());
        Assert.False(Directory.Exists(InRoot("opt", "forecaster")));
        Assert.False(File.Exists(InRoot("etc", "systemd", "system", "forecaster.service")));
        Assert.False(File.Exists(InRoot("etc", "systemd", "system", "multi-user.target.wants", "forecaster.service")));
        Assert.True(File.Exists(EnvironmentFile));
    }

    [Fact]
    public async Task Install_refuses_a_folder_without_the_linux_executable()
    {
        var windowsBuild = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "win-x64")).FullName;
        File.WriteAllText(Path.Combine(windowsBuild, "forecaster.exe"), "");

        var result = await InstallAsync(windowsBuild);

        Assert.Equal(66, result.ExitCode);
        Assert.False(Directory.Exists(InRoot("opt", "forecaster")));
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private Task<ToolResult> InstallAsync(string publishDir) => RunScriptAsync("--root", Root, publishDir);

    private static Task<ToolResult> RunScriptAsync(params string[] arguments) =>
        ExternalTool.RunAsync("bash", "bash", [Repository.PathOf(Path.Combine("deploy", "systemd", "install.sh")), .. arguments]);

    private string[] ServiceUsers() =>
        File.ReadAllLines(InRoot("etc", "passwd")).Where(line => line.StartsWith("forecaster:", StringComparison.Ordinal)).ToArray();

    private string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);
}
