using System.Net;
using System.Net.Sockets;

namespace Forecaster.Host.Tests.Telemetry;

internal static class FreePort
{
    /// <summary>An http:// prefix on a loopback port the OS just handed out, for listeners under test.</summary>
    public static string LoopbackPrefix()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
    }
}
