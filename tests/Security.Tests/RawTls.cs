using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Cluster.Tests;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>A bare TCP or TLS client of a silo port, playing a peer that is not an Orleans silo: what does the silo do with it?</summary>
public static class RawTls
{
    /// <summary>
    /// Connects to <paramref name="port"/> and tries a TLS handshake presenting <paramref name="certificate"/> (none when
    /// null), then reads: returns the local port of the connection, and whether the silo kept it open (it must not).
    /// </summary>
    public static async Task<(int LocalPort, bool KeptOpen)> HandshakeAsync(int port, X509Certificate2? certificate, SslProtocols protocols = SslProtocols.Tls13)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        var localPort = ((IPEndPoint)tcp.Client.LocalEndPoint!).Port;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "orleansgossip",
                ClientCertificates = certificate is null ? null : [certificate],
                EnabledSslProtocols = protocols,
            }, TestContext.Current.CancellationToken);

            // In TLS 1.3 the client's handshake ends before the server has judged its certificate: read to learn the verdict.
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var buffer = new byte[64];
            var n = await tls.ReadAsync(buffer, read.Token);
            return (localPort, n > 0);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return (localPort, false);
        }
        catch (OperationCanceledException)
        {
            return (localPort, true);
        }
    }

    /// <summary>Connects to <paramref name="port"/> and sends plaintext; returns the local port, and whether the silo kept the connection open.</summary>
    public static async Task<(int LocalPort, bool KeptOpen)> PlaintextAsync(int port, byte[] bytes)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        var localPort = ((IPEndPoint)tcp.Client.LocalEndPoint!).Port;
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var buffer = new byte[64];
            while (await stream.ReadAsync(buffer, read.Token) > 0)
            {
                // A TLS alert may come first; the connection must end.
            }

            return (localPort, false);
        }
        catch (IOException)
        {
            return (localPort, false);
        }
        catch (OperationCanceledException)
        {
            return (localPort, true);
        }
    }

    /// <summary>Waits until <paramref name="host"/> has recorded the refusal of the connection from <paramref name="localPort"/>, and returns it.</summary>
    public static Task<TlsRefusal> RefusalAsync(IHost host, int localPort) =>
        Poll.ForAsync(
            () => Task.FromResult(host.Monitor().RecentRefusals.LastOrDefault(r => r.Remote.EndsWith($":{localPort}", StringComparison.Ordinal))),
            r => r is not null,
            $"the silo records the refusal of the connection from port {localPort}",
            TimeSpan.FromSeconds(15))!;
}
