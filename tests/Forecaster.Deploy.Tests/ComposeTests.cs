using Forecaster.Deploy.Tests.Support;
using Npgsql;
using YamlDotNet.RepresentationModel;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// docker-compose validates and resolves the file without a Docker engine; nothing here builds or starts a container.
/// </summary>
public sealed class ComposeTests
{
    [Fact]
    public async Task Compose_accepts_the_file_and_defines_the_whole_stack()
    {
        var result = await Compose("config", "--services");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Superset(
            new HashSet<string> { "postgres", "migrate", "dashboard-grants", "forecaster", "prometheus", "grafana" },
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet());
    }

    [Fact]
    public async Task Every_bind_mounted_file_or_folder_exists_in_the_repository()
    {
        var services = await ResolvedServicesAsync();

        var sources = services.Entries()
            .SelectMany(service => service.Value.Child("volumes").Items().Select(volume => volume.Text()!.Split(':')[0]))
            .Where(Path.IsPathRooted)
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(File.Exists(source) || Directory.Exists(source), $"{source} does not exist"));
    }

    [Fact]
    public async Task Prometheus_scrapes_the_service_by_name_on_the_port_it_listens_on_every_interface()
    {
        var forecaster = (await ResolvedServicesAsync()).Child("forecaster");
        var endpoint = new Uri(forecaster.Child("environment").Child("Forecaster__Telemetry__PrometheusEndpoint").Text()!);

        var targets = Yaml.Load("deploy/prometheus/prometheus.yml").Child("scrape_configs").Items()
            .Single(job => job.Child("job_name").Text() == "forecaster")
            .Child("static_configs").Items().SelectMany(config => config.Child("targets").Items()).Select(target => target.Text());

        Assert.Equal("0.0.0.0", endpoint.Host);
        Assert.Equal($"forecaster:{endpoint.Port}", Assert.Single(targets));
        Assert.Contains(
            endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            forecaster.Child("expose").Items().Select(port => port.Text()));
    }

    [Fact]
    public async Task Only_the_migration_runs_as_the_schema_owner_and_each_login_is_one_the_database_init_creates()
    {
        var services = await ResolvedServicesAsync();
        var postgres = services.Child("postgres").Child("environment");

        Assert.Equal(postgres.Child("POSTGRES_USER").Text(), Login(services.Child("migrate")));
        Assert.Equal(postgres.Child("FORECASTER_SERVICE_USER").Text(), Login(services.Child("forecaster")));
        Assert.Equal("false", services.Child("forecaster").Child("environment").Child("Forecaster__Database__MigrateOnStart").Text());
        Assert.Equal(
            postgres.Child("FORECASTER_DASHBOARD_USER").Text(),
            services.Child("grafana").Child("environment").Child("FORECASTER_DASHBOARD_USER").Text());
        Assert.Equal(
            "service_completed_successfully",
            services.Child("forecaster").Child("depends_on").Child("migrate").Child("condition").Text());
    }

    private static string? Login(YamlNode? service) =>
        new NpgsqlConnectionStringBuilder(service.Child("environment").Child("ConnectionStrings__Forecaster").Text()).Username;

    private static async Task<YamlNode?> ResolvedServicesAsync()
    {
        var result = await Compose("config");
        Assert.True(result.ExitCode == 0, result.ToString());
        return Yaml.Parse(result.Output).Child("services");
    }

    private static Task<ToolResult> Compose(params string[] arguments) =>
        ExternalTool.RunAsync("docker-compose", "docker-compose", ["-f", Repository.PathOf("docker-compose.yml"), .. arguments]);
}
