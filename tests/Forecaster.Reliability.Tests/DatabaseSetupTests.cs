using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Forecaster.Reliability.Tests.Support;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests;

/// <summary>
/// deploy/SERVICE.md's "Database setup", step by step as an operator would follow it, on a PostgreSQL of the test's
/// own: the TLS settings and pg_hba.conf lines it shows, its setup script, the migration and the dashboard grants as
/// the owner, then the service as the least-privileged service login with the connection string it documents. The
/// service must become ready and publish; the dashboard login must read the results and nothing more; and a login
/// without TLS must be refused. Both on a new database and on one the previous release had migrated.
/// </summary>
public sealed partial class DatabaseSetupTests : IAsyncLifetime
{
    private const string DocumentedHost = "db.example.com";
    private const string DocumentedCa = "/etc/forecaster/db-ca.crt";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly string Root = SourceTree.Root;

    private static readonly Dictionary<string, string> Passwords = new()
    {
        ["FORECASTER_OWNER_PASSWORD"] = "owner's " + Guid.NewGuid().ToString("N"),
        ["FORECASTER_SERVICE_PASSWORD"] = "service " + Guid.NewGuid().ToString("N"),
        ["FORECASTER_DASHBOARD_PASSWORD"] = "dashboard " + Guid.NewGuid().ToString("N"),
    };

    private PrivateCluster _cluster = null!;
    private string _ca = "";

    public async Task InitializeAsync() => _cluster = await PrivateCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_documented_setup_runs_the_service_as_its_least_privileged_login_over_tls(bool upgradedFromPreviousRelease)
    {
        var guide = File.ReadAllText(Path.Combine(Root, "deploy", "SERVICE.md"));
        var admin = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString);

        // 1. TLS on the server.
        var tls = Section(guide, "### 1. TLS on the server");
        _ca = await _cluster.EnableTlsAsync(Blocks(tls, "ini").Single(), Blocks(tls, "text").Single());

        // 2. Roles and the database: the documented command, with this server in the libpq environment.
        var setup = Blocks(Section(guide, "### 2. Roles and the database"), "sh").Single();
        Assert.Contains("deploy/postgres/setup-database.sh", setup, StringComparison.Ordinal);
        var environment = new Dictionary<string, string>(Passwords)
        {
            ["PGHOST"] = admin.Host!,
            ["PGPORT"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = admin.Username!,
            ["PGPASSWORD"] = admin.Password!,
            ["PGSSLMODE"] = "verify-full",
            ["PGSSLROOTCERT"] = _ca,
        };
        await RunAsync("bash", [Path.Combine(Root, "deploy", "postgres", "setup-database.sh")], environment);

        // 3. The schema, as the owner: forecaster migrate, then the dashboard grants with psql. An upgraded database
        // was migrated by the previous release first; the same command is the documented upgrade step.
        var schema = Blocks(Section(guide, "### 3. The schema, as the owner"), "sh").Single();
        var owner = Connection(ConnectionStringIn(schema), Passwords["FORECASTER_OWNER_PASSWORD"]);
        if (upgradedFromPreviousRelease)
        {
            await PreviousRelease.MigrateAsync(owner);
            Assert.Equal(
                PreviousRelease.Version,
                await ScalarAsync<string>(owner, "SELECT version FROM changelog WHERE type = 0 ORDER BY id DESC LIMIT 1"));
        }

        var (migrated, migrateOutput) = await ServiceProcess.RunAsync("migrate", owner, "owner");
        Assert.True(migrated == 0, migrateOutput);
        var psqlTarget = PsqlConnInfo().Match(schema).Groups["conninfo"].Value.Replace(DocumentedHost, admin.Host, StringComparison.Ordinal)
            .Replace(DocumentedCa, _ca, StringComparison.Ordinal);
        await RunAsync(
            "psql",
            ["-X", "-v", "ON_ERROR_STOP=1", psqlTarget, "-f", Path.Combine(Root, "deploy", "grafana", "dashboard-grants.sql")],
            new Dictionary<string, string> { ["PGPORT"] = environment["PGPORT"], ["PGPASSWORD"] = Passwords["FORECASTER_OWNER_PASSWORD"] });

        // 4. The service, with the documented connection string and no other database setting (MigrateOnStart stays on).
        var documentedService = Blocks(Section(guide, "### 4. The service and Grafana"), "ini").Single().Split('=', 2)[1].Trim();
        var service = Connection(documentedService, Passwords["FORECASTER_SERVICE_PASSWORD"]);
        var (imported, importOutput) = await ServiceProcess.RunAsync(
            "import",
            service,
            "import",
            new Dictionary<string, string> { ["Forecaster:Database:MigrateOnStart"] = "true" },
            [SeededDatabase.DataFile("msft_daily_short.csv").FullName]);
        Assert.True(imported == 0, importOutput);
        var endpoint = FreePort.LoopbackPrefix();
        using (var running = ServiceProcess.Start("run", service, "least-privilege", new Dictionary<string, string>
        {
            ["Forecaster:Database:MigrateOnStart"] = "true",
            ["Forecaster:Telemetry:PrometheusEndpoint"] = endpoint,
        }))
        {
            using var http = new HttpClient { BaseAddress = new Uri(endpoint) };
            await Eventually.WaitUntilAsync(
                async () => running.HasExited || await ReadyAsync(http), Patience, "healthz/ready to answer 200 for the service login");
            Assert.False(running.HasExited, running.Output);
            await Eventually.WaitUntilAsync(
                async () => running.HasExited || await CountAsync(owner, "SELECT count(*) FROM latest_forecasts") > 0,
                Patience,
                "a published forecast");
            Assert.False(running.HasExited, running.Output);
            running.Terminate();
            Assert.True(await running.WaitForExitAsync(Patience) == 0, running.Output);
        }

        // Grafana's login reads the results and the prices, and nothing else.
        var dashboard = Connection(
            new NpgsqlConnectionStringBuilder(documentedService) { Username = "forecaster_grafana" }.ConnectionString,
            Passwords["FORECASTER_DASHBOARD_PASSWORD"]);
        Assert.True(await CountAsync(dashboard, "SELECT count(*) FROM latest_forecasts JOIN prices USING (series_key)") > 0);
        var denied = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(dashboard, "SELECT count(*) FROM models"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);

        // Without TLS the same logins are refused.
        var plain = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(
            new NpgsqlConnectionStringBuilder(service) { SslMode = SslMode.Disable }.ConnectionString, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, plain.SqlState);
    }

    /// <summary>A documented connection string pointed at this test's server, with the password the setup was given.</summary>
    private string Connection(string documented, string password)
    {
        var admin = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(documented) { Password = password };
        Assert.Equal((DocumentedHost, DocumentedCa, SslMode.VerifyFull), (builder.Host, builder.RootCertificate, builder.SslMode));
        builder.Host = admin.Host;
        builder.Port = admin.Port;
        builder.RootCertificate = _ca;
        return builder.ConnectionString;
    }

    private static string ConnectionStringIn(string commands) => ConnectionStringAssignment().Match(commands).Groups["value"].Value;

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"deploy/SERVICE.md has no section '{heading}'");
        var end = markdown.IndexOf("\n#", start + heading.Length + 2, StringComparison.Ordinal);
        return markdown[start..(end < 0 ? markdown.Length : end)];
    }

    private static IEnumerable<string> Blocks(string markdown, string language) =>
        FencedBlock().Matches(markdown)
            .Where(match => match.Groups["language"].Value == language)
            .Select(match => match.Groups["body"].Value.TrimEnd());

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64(await ScalarAsync<object>(connectionString, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await output}{await error}");
    }

    [GeneratedRegex(@"^```(?<language>\w+)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"ConnectionStrings__Forecaster='(?<value>[^']+)'")]
    private static partial Regex ConnectionStringAssignment();

    [GeneratedRegex(@"psql '(?<conninfo>[^']+)'")]
    private static partial Regex PsqlConnInfo();
}
