using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

public sealed class PromtoolTests
{
    [Fact]
    public async Task Prometheus_configuration_with_its_rule_files_is_valid()
    {
        var result = await Promtool("check", "config", "prometheus.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 rule files found", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_rules_are_valid()
    {
        var result = await Promtool("check", "rules", "alerts.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Alert_rules_fire_and_stay_quiet_as_their_unit_tests_expect()
    {
        var result = await Promtool("test", "rules", "alerts.test.yml", "accuracy-alerts.test.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output + result.Error, StringComparison.Ordinal);
    }

    private static Task<ToolResult> Promtool(params string[] arguments) =>
        ExternalTool.RunAsync("promtool", "prometheus", arguments, Repository.PathOf(Path.Combine("deploy", "prometheus")));
}
