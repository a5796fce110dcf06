using System.Net;
using System.Net.Sockets;
using System.Text;
using Forecaster.Deploy.Tests.Support;

namespace Forecaster.Deploy.Tests;

/// <summary>
/// The image's HEALTHCHECK (deploy/docker/healthcheck.sh) asks the service's readiness probe, not its metrics: a
/// service that waits for its database still serves metrics, and must not count as healthy.
/// </summary>
[Collection(SharedServiceRun.Name)]
public sealed class ContainerHealthCheckTests(ServiceRun service)
{
    private static string Dockerfile => Repository.Read(Path.Combine("deploy", "docker", "Dockerfile"));

    [Fact]
    public void The_healthcheck_passes_against_the_running_service_listening_on_every_interface()
    {
        Assert.True(service.HealthCheck.ExitCode == 0, service.HealthCheck.ToString());
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, 0)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 1)]
    public async Task The_healthcheck_follows_readiness_while_metrics_answer_200(HttpStatusCode readiness, int expectedExit)
    {
        using var endpoint = new StubEndpoint(
            path => path.EndsWith("/healthz/ready", StringComparison.Ordinal) ? readiness : HttpStatusCode.OK);

        var result = await ExternalTool.RunAsync(
            "bash",
            "bash",
            [Repository.PathOf(Path.Combine("deploy", "docker", "healthcheck.sh"))],
            environment: new Dictionary<string, string> {
                ["Forecaster__Telemetry__PrometheusEndpoint"] = $"http://0.0.0.0:{endpoint.Port}/" });

        Assert.True(result.ExitCode == expectedExit, result.ToString());
        Assert.Equal(["/healthz/ready"], endpoint.Requested);
    }

    [Fact]
    public void The_image_runs_on_the_aspnet_runtime_listens_on_every_interface_and_checks_with_the_script()
    {
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("Forecaster__Telemetry__PrometheusEndpoint=http://0.0.0.0:9464/", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY deploy/docker/healthcheck.sh ./", Dockerfile, StringComparison.Ordinal);
        Assert.Contains(
            "CMD [\"/app/healthcheck.sh\"]",
            Dockerfile.Split('\n').Single(line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal)),
            StringComparison.Ordinal);
    }

    /// <summary>A one-request-at-a-time HTTP/1.0 responder on loopback that answers each path with the status given.</summary>
    private sealed class StubEndpoint : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<string> _requested = [];
        private readonly Task _serving;

        public StubEndpoint(Func<string, HttpStatusCode> status)
        {
            _listener.Start();
            _serving = ServeAsync(status);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Requested
        {
            get
            {
                lock (_requested)
                {
                    return [.. _requested];
                }
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Dispose();
            _ = _serving.Exception;
        }

        private async Task ServeAsync(Func<string, HttpStatusCode> status)
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var path = (await reader.ReadLineAsync())?.Split(' ')[1] ?? "";
                lock (_requested)
                {
                    _requested.Add(path);
                }

                var code = status(path);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 {(int)code} {code}\r\nContent-Length: 0\r\n\r\n"));
            }
        }
    }
}
