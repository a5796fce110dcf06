using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// Debian's Prometheus, configured by the shipped scrape config and alert rules, scraping the service after a
/// cycle on bundled data (deploy/scripts/prometheus-check.sh, as an operator would run it).
/// </summary>
[Collection(SharedServiceRun.Name)]
public sealed class PrometheusCheckTests(ServiceRun service)
{
    [Fact]
    public void Prometheus_scrapes_the_service_and_its_queries_see_the_cycles_training_metrics()
    {
        var check = service.PrometheusCheck;

        Assert.True(check.ExitCode == 0, check.ToString());
        var lines = Lines(check.Output);
        Assert.Contains(lines, line => line.StartsWith("target http://127.0.0.1:", StringComparison.Ordinal)
            && line.EndsWith("/metrics: up", StringComparison.Ordinal));
        Assert.Contains("series outcomes {outcome=trained}: 2", lines);
        Assert.Contains("trainings: 2", lines);
        Assert.Contains("cycles: 1", lines);
        Assert.Contains("forecast points: 6", lines);
        Assert.InRange(Value(lines, "mean validation MASE"), 0.05, 5);
        // Bounded by the run's own clock, not a fixed minute or two: under load the check itself takes that long.
        Assert.InRange(Value(lines, "since last clean cycle (s)"), 0, service.SinceFirstCycle.TotalSeconds + 1);

        // The replay step: the three held-back points of both series arrived and were scored before retraining.
        Assert.Contains("accuracy points {status=scored}: 6", lines);
        Assert.Contains("series scored: 2", lines);
        Assert.Contains("series demoted: 0", lines);
        Assert.InRange(Value(lines, "live relative MASE"), 0.01, 100);

        // The bundled files end decades ago: hundreds of their own intervals behind, however long their spacing.
        Assert.True(Value(lines, "relative data lag (intervals)") > 1_000, check.Output);
    }

    [Fact]
    public void Every_shipped_alert_rule_evaluates_against_the_real_metrics()
    {
        var check = service.PrometheusCheck;
        var rules = Lines(check.Output).SkipWhile(line => line != "alert rules:").Skip(1).ToList();

        var ruleNames = Yaml.Load("deploy/prometheus/alerts.yml").Child("groups").Items()
            .SelectMany(group => group.Child("rules").Items())
            .Select(rule => rule.Child("alert").Text());
        Assert.Equal(ruleNames.Order(), rules.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]).Order());
        Assert.All(rules, rule => Assert.Contains("(health ok)", rule, StringComparison.Ordinal));

        // Just after a clean cycle nothing about the service itself is wrong.
        // Six scored steps are far below the live-accuracy rules' minimum counts: they evaluate, and stay quiet.
        foreach (var quiet in new[]
        {
            "ForecasterDown", "ForecasterNoSuccessfulCycle", "ForecasterNoCycleSinceStart", "ForecasterSeriesFailureRatioHigh",
            "ForecasterAccuracyDrift", "ForecasterIntervalCoverageOff",
        })
        {
            Assert.Contains($"{quiet}: inactive (health ok)", rules);
        }

        // Evaluated after the first scrape, so the stale bundled data already shows (firing waits for its "for: 1h").
        Assert.Contains("ForecasterDataLagging: pending (health ok)", rules);
    }

    private static List<string> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim())];

    private static double Value(IEnumerable<string> lines, string title) =>
        double.Parse(
            lines.Single(line => line.StartsWith(title + ":", StringComparison.Ordinal))[(title.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);
}
