using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

/// <summary>PromQL that names a metric the service does not expose never fires and draws nothing, silently.</summary>
[Collection(SharedServiceRun.Name)]
public sealed class MetricNameTests(ServiceRun service)
{
    [Fact]
    public void Every_metric_the_alert_rules_use_is_exposed_by_the_running_service()
    {
        var exposed = PrometheusNames.ExposedBy(service.Exposition);

        var missing = PrometheusNames.AlertExpressions()
            .SelectMany(PrometheusNames.ReferencedBy)
            .Where(name => !exposed.Contains(name) && !PrometheusNames.AwaitedFromHost.Contains(name))
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, $"Rules use metrics the service does not expose: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_metric_the_dashboard_queries_is_exposed_by_the_running_service()
    {
        var exposed = PrometheusNames.ExposedBy(service.Exposition);
        var queries = GrafanaDashboard.Load().PrometheusQueries.ToList();

        Assert.NotEmpty(queries);
        var missing = queries
            .SelectMany(
                query => PrometheusNames.ReferencedBy(query.Expression).Select(name => (Query: $"{query.Panel}/{query.RefId}", Name: name)))
            .Where(reference => !exposed.Contains(reference.Name))
            .Select(reference => $"{reference.Query}: {reference.Name}")
            .ToList();

        Assert.True(missing.Count == 0, $"Panels query metrics the service does not expose: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Metrics_awaited_from_the_host_are_used_by_a_rule_and_still_missing()
    {
        var exposed = PrometheusNames.ExposedBy(service.Exposition);
        var referenced = PrometheusNames.AlertExpressions().SelectMany(PrometheusNames.ReferencedBy).ToHashSet(StringComparer.Ordinal);

        Assert.All(PrometheusNames.AwaitedFromHost, name =>
        {
            Assert.True(referenced.Contains(name), $"{name} is awaited but no rule uses it: drop it from the list.");
            Assert.False(exposed.Contains(name), $"The service now exposes {name}: drop it from the awaited list.");
        });
    }

    [Fact]
    public void The_training_health_metrics_are_exposed_under_the_names_the_rules_assume()
    {
        var exposed = PrometheusNames.ExposedBy(service.Exposition);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "forecaster_cycle_since_last_success_seconds",
                "forecaster_series_outcomes_total",
                "forecaster_training_duration_seconds_bucket",
                "forecaster_cycle_duration_seconds_sum",
                "forecaster_cycle_duration_seconds_count",
            },
            exposed.ToHashSet(StringComparer.Ordinal));
        Assert.Contains(
            "forecaster_series_outcomes_total{otel_scope_name=\"Forecaster\",outcome=\"trained\"} 2",
            service.Exposition,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Live_accuracy_metrics_are_exposed_without_series_labels_by_default()
    {
        var accuracy = service.Exposition.Split('\n').Where(line => line.StartsWith("forecaster_accuracy_", StringComparison.Ordinal))
            .ToList();

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "forecaster_accuracy_scaled_error_sum",
                "forecaster_accuracy_naive_scaled_error_sum",
                "forecaster_accuracy_scaled_error_count",
                "forecaster_accuracy_interval_outcomes_total",
                "forecaster_accuracy_points_total",
                "forecaster_accuracy_series_scored",
                "forecaster_accuracy_series_demoted",
                "forecaster_accuracy_scoring_duration_seconds_count",
            },
            PrometheusNames.ExposedBy(string.Join('\n', accuracy)).ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain(accuracy, line => line.Contains("series=", StringComparison.Ordinal));
        Assert.Contains("forecaster_accuracy_points_total{otel_scope_name=\"Forecaster\",status=\"scored\"} 6", accuracy);
    }
}
