using System.Text.Json.Nodes;

namespace Forecaster.Deploy.Tests.Support;

/// <summary>The shipped Grafana dashboard: its panels (rows flattened) and their queries.</summary>
internal sealed class GrafanaDashboard
{
    public const string RelativePath = "deploy/grafana/dashboards/forecaster.json";
    public const string PrometheusType = "prometheus";
    public const string PostgresType = "grafana-postgresql-datasource";

    private GrafanaDashboard(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    /// <summary>Every panel that shows data; row panels only group others and are left out.</summary>
    public IEnumerable<JsonObject> Panels =>
        Flatten(Root["panels"]!.AsArray()).Where(panel => (string?)panel["type"] != "row");

    public IEnumerable<JsonObject> Variables => Root["templating"]!["list"]!.AsArray().Select(variable => variable!.AsObject());

    public IEnumerable<(string Panel, string RefId, string Sql)> PostgresQueries =>
        Targets(PostgresType).Select(target => (target.Panel, target.RefId, (string)target.Query["rawSql"]!));

    public IEnumerable<(string Panel, string RefId, string Expression)> PrometheusQueries =>
        Targets(PrometheusType).Select(target => (target.Panel, target.RefId, (string)target.Query["expr"]!));

    public static GrafanaDashboard Load() => new(JsonNode.Parse(Repository.Read(RelativePath))!.AsObject());

    private IEnumerable<(string Panel, string RefId, JsonObject Query)> Targets(string datasourceType) =>
        from panel in Panels
        where (string?)panel["datasource"]?["type"] == datasourceType
        from target in panel["targets"]!.AsArray()
        select ((string)panel["title"]!, (string)target!["refId"]!, target.AsObject());

    private static IEnumerable<JsonObject> Flatten(JsonArray panels) =>
        panels.Select(panel => panel!.AsObject())
            .SelectMany(panel => panel["panels"] is JsonArray nested ? [panel, .. Flatten(nested)] : new[] { panel });
}
