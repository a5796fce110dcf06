using System.Net;
using System.Net.Sockets;

namespace Forecaster.Testing;

/// <summary>Loopback ports the OS just handed out, for listeners under test (several test hosts share a machine).</summary>
public static class FreePort
{
    public static int Loopback()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>An http:// prefix on a free loopback port.</summary>
    public static string LoopbackPrefix() => $"http://127.0.0.1:{Loopback()}/";
}
