using Forecaster.Host.Cli;
using Forecaster.Host.Startup;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.Options;

namespace Forecaster.Host.Tests;

public sealed class OptionsValidationTests : DatabaseTest
{
    [Fact]
    public async Task Every_bad_setting_fails_start_with_its_key_and_value()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(
            Database.ConnectionString,
            "bad-options",
            new Dictionary<string, string?>
            {
                ["Forecaster:Schedule:Cron"] = "every hour",
                ["Forecaster:Training:Horizon"] = "-1",
                ["Forecaster:Workers:DegreeOfParallelism"] = "0",
            }));

        var failures = string.Join("\n", error.Failures);
        Assert.Contains("Forecaster:Schedule:Cron = 'every hour'", failures, StringComparison.Ordinal);
        Assert.Contains("Forecaster:Training:Horizon = '-1'", failures, StringComparison.Ordinal);
        Assert.Contains("Forecaster:Workers:DegreeOfParallelism = '0'", failures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_column_fails_start_naming_the_setting_and_the_column()
    {
        var error = await Assert.ThrowsAsync<StartupCheckException>(() => TestHost.StartAsync(
            Database.ConnectionString, "bad-source", new Dictionary<string, string?> { ["Forecaster:Source:ValueColumn"] = "prise" }));

        Assert.Contains("Forecaster:Source", error.Message, StringComparison.Ordinal);
        Assert.Contains("value column 'prise' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_reports_bad_settings_and_exits_with_the_configuration_error_code()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await ForecasterCommandLine.InvokeAsync(
            ["train", "--ConnectionStrings:Forecaster", Database
                .ConnectionString, "--Forecaster:Training:Horizon", "-3", "--Forecaster:Source:Table", "no such table"],
            output,
            errors);

        Assert.Equal(78, exitCode);
        Assert.Contains("Forecaster:Training:Horizon = '-3'", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("Forecaster:Source:Table = 'no such table'", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", errors.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
