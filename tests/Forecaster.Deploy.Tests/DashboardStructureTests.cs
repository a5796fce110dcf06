using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

public sealed class DashboardStructureTests
{
    private const string DatasourcesFile = "deploy/grafana/provisioning/datasources/forecaster.yml";

    [Fact]
    public void Every_panel_and_variable_uses_a_provisioned_data_source_of_the_right_type()
    {
        var provisioned = Yaml.Load(DatasourcesFile).Child("datasources").Items()
            .ToDictionary(source => source.Child("uid").Text()!, source => source.Child("type").Text()!);
        var dashboard = GrafanaDashboard.Load();

        var users = dashboard.Panels.Select(panel => ((string)panel["title"]!, panel["datasource"]))
            .Concat(dashboard.Variables.Select(variable => ((string)variable["name"]!, variable["datasource"])))
            .Concat(dashboard.Panels.SelectMany(panel => panel["targets"]!.AsArray()
                .Select(target => ($"{panel["title"]}/{target!["refId"]}", target["datasource"] ?? panel["datasource"]))))
            .ToList();

        Assert.NotEmpty(users);
        Assert.All(users, user =>
        {
            var (name, datasource) = user;
            Assert.True(datasource is not null, $"{name} has no data source");
            var uid = (string?)datasource["uid"] ?? "";
            Assert.True(provisioned.TryGetValue(uid, out var type), $"{name} uses data source '{uid}', which is not provisioned");
            Assert.Equal(type, (string?)datasource["type"]);
        });
    }

    [Fact]
    public void Panels_have_unique_ids_and_cover_both_data_sources()
    {
        var dashboard = GrafanaDashboard.Load();

        var ids = dashboard.Panels.Select(panel => (int)panel["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(dashboard.PrometheusQueries.Count() >= 4, "training health panels from Prometheus");
        Assert.True(dashboard.PostgresQueries.Count() >= 5, "forecast, validation, history and failure panels from PostgreSQL");
    }
}
