using System.Net;
using System.Net.Sockets;
using Forecaster.Host.Cli;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Version_names_the_program_and_its_build()
    {
        using var output = new StringWriter();

        var exitCode = await ForecasterCommandLine.InvokeAsync(["--version"], output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^forecaster 0\.1\.0( \(commit [0-9a-f]{7,40}\))?\r?\n$", output.ToString());
    }

    [Fact]
    public async Task One_shot_verbs_leave_the_services_port_alone_and_run_reports_it_taken_naming_the_setting()
    {
        await using var database = await SeededDatabase.CreateAsync();
        // A plain socket, as a running service would hold it.
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}/";
        string[] settings
            = [$"--ConnectionStrings:Forecaster={database.ConnectionString}", $"--Forecaster:Telemetry:PrometheusEndpoint={endpoint}"];
        using var error = new StringWriter();

        var migrate = await ForecasterCommandLine.InvokeAsync(["migrate", .. settings], TextWriter.Null, error);
        var train = await ForecasterCommandLine.InvokeAsync(["train", .. settings], TextWriter.Null, error);
        Assert.True(migrate == VerbHost.Success && train == VerbHost.Success, error.ToString());

        var run = await ForecasterCommandLine.InvokeAsync(["run", .. settings], TextWriter.Null, error);

        Assert.True(run == VerbHost.InvalidConfiguration, error.ToString());
        Assert.StartsWith(
            $"Cannot start: the metrics and health endpoint Forecaster:Telemetry:PrometheusEndpoint = '{endpoint}' cannot listen", error
                .ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_in_one_line_naming_the_connection_string()
    {
        using var error = new StringWriter();

        var exitCode = await ForecasterCommandLine.InvokeAsync(
            ["migrate", $"--ConnectionStrings:Forecaster=Host=127.0.0.1;Port={FreePort.Loopback()};Timeout=2"], TextWriter.Null, error);

        Assert.True(exitCode == VerbHost.Unavailable, error.ToString());
        Assert.StartsWith(
            "Cannot reach the database (ConnectionStrings:Forecaster): Failed to connect to 127.0.0.1:",
            error.ToString(),
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        using var output = new StringWriter();

        await ForecasterCommandLine.InvokeAsync(["--help"], output, TextWriter.Null);

        Assert.All(
            ["run", "migrate", "import", "train"],
            verb => Assert.Contains($"  {verb}", output.ToString(), StringComparison.Ordinal));
    }
}
