using System.Text.Json;
using System.Text.RegularExpressions;
using Forecaster.Deploy.Tests.Support;
using Forecaster.Host.Hosting;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// There is no Windows here, so the Windows scripts cannot run as a whole. PowerShell 7 (pwsh, installed by
/// deploy/scripts/install-test-deps.sh) parses them and runs their portable part, the environment merge; the rest is
/// pinned statically: the executable name, the service name shared by both scripts, the recovery settings, no command
/// PowerShell 7 lacks and no syntax Windows PowerShell 5.1 lacks, and the connection string kept off command lines.
/// </summary>
public sealed partial class WindowsScriptsTests
{
    /// <summary>Windows PowerShell 5.1 commands that PowerShell 7 does not have (its event-log and WMI cmdlets).</summary>
    private static readonly string[] MissingInPowerShell7 =
    [
        "New-EventLog", "Remove-EventLog", "Get-EventLog", "Write-EventLog", "Clear-EventLog", "Limit-EventLog", "Show-EventLog",
        "Get-WmiObject", "Set-WmiInstance", "Invoke-WmiMethod", "Remove-WmiObject", "Register-WmiEvent",
    ];

    /// <summary>Variables of install.ps1 that hold the connection string.</summary>
    private static readonly string[] SecretVariables = ["ConnectionString", "current", "environment"];

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
        Assert.Contains("[Diagnostics.EventLog]::CreateEventSource($ServiceName, 'Application')", Install, StringComparison.Ordinal);
        Assert.Contains("-Name 'ConnectionStrings__Forecaster'", Install, StringComparison.Ordinal);
        Assert.Contains("'\"{0}\" run'", Install, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("install.ps1")]
    [InlineData("uninstall.ps1")]
    [InlineData("ServiceEnvironment.ps1")]
    public async Task Each_script_parses_and_uses_nothing_that_Windows_PowerShell_5_1_or_PowerShell_7_lacks(string script)
    {
        var inspected = await InspectAsync(script);

        Assert.Empty(inspected.Errors);
        Assert.Empty(inspected.NewerSyntax);
        Assert.Empty(inspected.Commands.Intersect(MissingInPowerShell7, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Install_takes_the_connection_string_as_a_secure_string_and_gives_it_to_no_program()
    {
        var inspected = await InspectAsync("install.ps1");

        Assert.Equal("System.Security.SecureString", inspected.Parameters["ConnectionString"]);
        Assert.NotEmpty(inspected.NativeCommands);
        Assert.All(
            inspected.NativeCommands,
            native => Assert.Empty(native.Variables.Intersect(SecretVariables, StringComparer.OrdinalIgnoreCase)));
        Assert.Contains("Set-Acl -Path $serviceKey", Install, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_writes_the_environment_it_read_with_only_the_connection_string_set()
    {
        Assert.Matches(
            @"\$current = \(Get-ItemProperty -Path \$serviceKey -Name Environment[^\n]*\)\.Environment\s+" +
            @"\$environment = Set-EnvironmentEntry -Entries \$current -Name 'ConnectionStrings__Forecaster'[^\n]*\s+" +
            @"-Value \(ConvertTo-PlainText -Secret \$ConnectionString\)\s+" +
            @"Set-ItemProperty -Path \$serviceKey -Name Environment -Type MultiString -Value \$environment",
            Install);
        Assert.Single(SetEnvironment().Matches(Install));
    }

    [Fact]
    public async Task Setting_the_connection_string_keeps_every_other_line_of_the_service_environment()
    {
        var reinstall = await MergeAsync(
            "@('Forecaster__Workers__DegreeOfParallelism=2', 'connectionstrings__forecaster=Host=old', " +
            "'Logging__LogLevel__Default=Debug', 'ConnectionStrings__Forecaster=Host=older')",
            "Host=db;Password=a=b;SSL Password=c");
        var fresh = await MergeAsync("$null", "Host=db");

        Assert.Equal(
            ["Forecaster__Workers__DegreeOfParallelism=2", "ConnectionStrings__Forecaster=Host=db;Password=a=b;SSL Password=c",
                "Logging__LogLevel__Default=Debug"],
            reinstall);
        Assert.Equal(["ConnectionStrings__Forecaster=Host=db"], fresh);
    }

    private static async Task<string[]> MergeAsync(string entries, string connectionString)
    {
        var result = await PowerShellAsync(
            $". ./deploy/windows/ServiceEnvironment.ps1; " +
            $"$secret = ConvertTo-SecureString -String '{connectionString}' -AsPlainText -Force; " +
            $"ConvertTo-Json -InputObject (Set-EnvironmentEntry -Entries {entries} -Name 'ConnectionStrings__Forecaster' " +
            "-Value (ConvertTo-PlainText -Secret $secret))");
        return JsonSerializer.Deserialize<string[]>(result)!;
    }

    private static async Task<InspectedScript> InspectAsync(string script)
    {
        var json = await PowerShellAsync(
            null, "-File", Path.Combine("tests", "Forecaster.Deploy.Tests", "Support", "InspectScript.ps1"),
            "-Path", Path.Combine("deploy", "windows", script));
        return JsonSerializer.Deserialize<InspectedScript>(json)!;
    }

    private static async Task<string> PowerShellAsync(string? command, params string[] arguments)
    {
        string[] invocation = command is null
            ? ["-NoProfile", "-NonInteractive", .. arguments]
            : ["-NoProfile", "-NonInteractive", "-Command", command];
        var result = await ExternalTool.RunAsync(
            "pwsh",
            "PowerShell 7 (a .NET tool: dotnet tool install PowerShell --version 7.6.10)",
            invocation,
            environment: new Dictionary<string, string> { ["POWERSHELL_TELEMETRY_OPTOUT"] = "1", ["POWERSHELL_UPDATECHECK"] = "Off" },
            timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    private static string ServiceName(string script) => ServiceNameAssignment().Match(script) is { Success: true } match
        ? match.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("no $ServiceName assignment");

    [GeneratedRegex(@"[\w.-]+\.exe\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExecutableNames();

    [GeneratedRegex(@"^\$ServiceName = '([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ServiceNameAssignment();

    [GeneratedRegex(@"Set-ItemProperty[^\n]*-Name Environment")]
    private static partial Regex SetEnvironment();

    private sealed record InspectedScript(
        string[] Errors, string[] Commands, string[] NewerSyntax, Dictionary<string, string> Parameters, NativeCommand[] NativeCommands);

    private sealed record NativeCommand(string Command, string[] Variables);
}
