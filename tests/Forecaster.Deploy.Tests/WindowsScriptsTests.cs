using System.Text.RegularExpressions;
using Forecaster.Deploy.Tests.Support;
using Forecaster.Host.Hosting;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// PowerShell is not available here, so the Windows scripts cannot run; these checks pin what would break
/// them silently: the executable name, the service name shared by both scripts, and the recovery settings.
/// </summary>
public sealed partial class WindowsScriptsTests
{
    /// <summary>The host's assembly name is what publish names the Windows apphost after.</summary>
    public static readonly string ExecutableName = typeof(ForecasterHost).Assembly.GetName().Name + ".exe";

    private static readonly string[] WindowsTools = ["sc.exe"];

    private static string Install => Repository.Read(Path.Combine("deploy", "windows", "install.ps1"));

    private static string Uninstall => Repository.Read(Path.Combine("deploy", "windows", "uninstall.ps1"));

    [Fact]
    public void Both_scripts_name_the_published_executable_and_no_other()
    {
        foreach (var script in new[] { Install, Uninstall })
        {
            var executables = ExecutableNames().Matches(script)
                .Select(match => match.Value)
                .Where(name => !WindowsTools.Contains(name))
                .Distinct(StringComparer.Ordinal);

            Assert.Equal([ExecutableName], executables);
        }
    }

    [Fact]
    public void Both_scripts_manage_the_same_service()
    {
        Assert.Equal(ServiceName(Install), ServiceName(Uninstall));
    }

    [Fact]
    public void Install_registers_a_delayed_auto_start_service_that_restarts_after_failures_and_logs_to_the_event_log()
    {
        Assert.Contains("start= delayed-auto", Install, StringComparison.Ordinal);
        Assert.Contains("actions= restart/60000/restart/60000//", Install, StringComparison.Ordinal);
        Assert.Contains("New-EventLog -LogName Application -Source $ServiceName", Install, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Forecaster=", Install, StringComparison.Ordinal);
        Assert.Contains("'\"{0}\" run'", Install, StringComparison.Ordinal);
    }

    private static string ServiceName(string script) => ServiceNameAssignment().Match(script) is { Success: true } match
        ? match.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("no $ServiceName assignment");

    [GeneratedRegex(@"[\w.-]+\.exe\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExecutableNames();

    [GeneratedRegex(@"^\$ServiceName = '([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ServiceNameAssignment();
}
