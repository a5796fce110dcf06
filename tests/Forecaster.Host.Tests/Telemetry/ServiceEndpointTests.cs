using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Forecaster.Host.Tests.Support;
using Forecaster.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Forecaster.Host.Tests.Telemetry;

/// <summary>
/// The running service's one HTTP endpoint: <c>/metrics</c>, <c>/healthz/live</c> and <c>/healthz/ready</c> on the
/// port of Forecaster:Telemetry:PrometheusEndpoint, listening on every interface when asked (containers are
/// scraped and probed by their pod or container address).
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class ServiceEndpointTests() : DatabaseTest("msft_daily_short.csv")
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_liveness_and_readiness_share_one_port_that_listens_on_every_interface()
    {
        var port = FreePort.Loopback();
        await using var host = await SchedulingService.StartAsync(
            Database.ConnectionString, "endpoint", new Dictionary<string, string?> {
                ["Forecaster:Telemetry:PrometheusEndpoint"] = $"http://0.0.0.0:{port}/" });
        await host.RunCycleAsync();
        var addresses = ExternalAddresses().Prepend(IPAddress.Loopback).ToList();

        foreach (var address in addresses)
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://{address}:{port}/") };
            var ready = await WaitForReadyAsync(http);
            using var live = await http.GetAsync(new Uri("healthz/live", UriKind.Relative));
            using var metrics = await http.GetAsync(new Uri("metrics", UriKind.Relative));
            using var unknown = await http.GetAsync(new Uri("healthz", UriKind.Relative));

            Assert.Equal(
                ["cycle", "database", "migration_level", "scheduler"],
                ready.GetProperty("checks").EnumerateObject().Select(check => check.Name).Order());
            Assert.All(
                ready.GetProperty("checks").EnumerateObject(),
                check => Assert.Equal("healthy", check.Value.GetProperty("status").GetString()));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains(
                "# TYPE forecaster_cycle_duration_seconds histogram",
                await metrics.Content.ReadAsStringAsync(),
                StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.True(addresses.Count > 1 || ListensOnEveryInterface(port), "the endpoint listens on loopback only");
    }

    [Fact]
    public async Task Readiness_fails_naming_the_scheduler_when_quartz_stands_by_and_liveness_still_passes()
    {
        var prefix = FreePort.LoopbackPrefix();
        await using var host = await SchedulingService.StartAsync(
            Database.ConnectionString, "standby", new Dictionary<string, string?> {
                ["Forecaster:Telemetry:PrometheusEndpoint"] = prefix });
        using var http = new HttpClient { BaseAddress = new Uri(prefix) };
        await WaitForReadyAsync(http);

        var scheduler = (await host.Services.GetRequiredService<ISchedulerFactory>().GetAllSchedulers()).Single();
        await scheduler.Standby();
        using var ready = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
        using var live = await http.GetAsync(new Uri("healthz/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(
            "scheduler: scheduler standby",
            JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<JsonElement> WaitForReadyAsync(HttpClient http)
    {
        var body = await Eventually.WaitForAsync<JsonElement>(
            async () =>
            {
                using var response = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
                    : null;
            },
            Patience,
            $"{http.BaseAddress}healthz/ready to answer 200");
        Assert.Equal("ok", body.GetProperty("status").GetString());
        return body;
    }

    /// <summary>This machine's own non-loopback IPv4 addresses: a listener bound to loopback only does not answer them.</summary>
    private static IEnumerable<IPAddress> ExternalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));

    /// <summary>On a machine with no other interface: the kernel's table shows the listening socket's own address.</summary>
    private static bool ListensOnEveryInterface(int port) =>
        File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields[1] == $"00000000:{port:X4}" && fields[3] == "0A");
}
