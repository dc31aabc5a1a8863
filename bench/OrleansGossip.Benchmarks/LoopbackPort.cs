using System.Net;
using System.Net.Sockets;

namespace OrleansGossip.Benchmarks;

/// <summary>Ports for the silos a benchmark starts on this machine.</summary>
internal static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on now, as the system hands one out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
