using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;

namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// Mutual TLS 1.3 on one kind of Orleans connection (<see cref="TlsEndpoint"/>). Both sides present certificates;
/// the handshake must complete, and the peer's certificate be admitted by <see cref="PeerCertificateValidator"/>,
/// before the rest of the pipeline (Orleans itself) sees the connection: a refused connection is closed before
/// Orleans reads a byte of it. Afterwards Orleans reads and writes plaintext through the TLS stream.
/// </summary>
public sealed class TlsConnectionMiddleware(
    TlsEndpoint endpoint,
    TlsCredentials credentials,
    PeerCertificateValidator validator,
    TlsConnectionMonitor monitor,
    IOptions<TlsOptions> options) : IConnectionMiddleware
{
    /// <summary>Host names are not checked (a peer is its certificate); this is only what a client sends as its server name.</summary>
    private const string TargetHost = "orleansgossip";

    public TlsEndpoint Endpoint => endpoint;

    public async Task OnConnectionAsync(ConnectionContext context, ConnectionDelegate next)
    {
        var verdict = default(PeerVerdict);
        var pool = context.Features.Get<IMemoryPoolFeature>()?.MemoryPool;
        var tls = new SslDuplexPipe(
            context.Transport,
            pool,
            monitor.Traffic,
            (_, certificate, chain, _) =>
            {
                verdict = validator.Validate(certificate, chain, endpoint.PeerRole());
                return verdict.Accepted;
            },
            error => monitor.OnHungUpUnheard(context, endpoint, verdict.Peer, error));

        using var timeout = new CancellationTokenSource(options.Value.HandshakeTimeout);
        try
        {
            if (endpoint.IsServer())
            {
                await tls.Stream.AuthenticateAsServerAsync(ServerOptions(), timeout.Token);
            }
            else
            {
                await tls.Stream.AuthenticateAsClientAsync(ClientOptions(), timeout.Token);
            }
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            var (refusal, reason) = verdict.Refusal != PeerRefusal.None
                ? (verdict.Refusal, verdict.Reason)
                : (PeerRefusal.HandshakeFailed, e switch
                {
                    OperationCanceledException when timeout.IsCancellationRequested => $"no TLS handshake within {options.Value.HandshakeTimeout}",
                    OperationCanceledException or ObjectDisposedException => "the connection closed during the TLS handshake",
                    _ => $"the TLS 1.3 handshake failed: {Innermost(e).Message}",
                });
            monitor.OnRefused(context, endpoint, refusal, reason, verdict.Peer?.Fingerprint);
            await tls.DisposeAsync();
            throw new ConnectionAbortedException($"TLS {endpoint.WireName()} connection with {context.RemoteEndPoint} refused: {reason}", e);
        }

        var peer = verdict.Peer ?? throw new InvalidOperationException("the TLS handshake completed without validating the peer's certificate");
        var feature = new TlsConnectionFeature(endpoint, peer, tls.Stream.SslProtocol, tls.Stream.NegotiatedCipherSuite);
        context.Features.Set(feature);
        tls.Transport.CoalesceWrites = true;
        var transport = context.Transport;
        context.Transport = tls;
        monitor.OnAccepted(context, feature);
        try
        {
            await next(context);
        }
        finally
        {
            monitor.OnClosed(context);
            context.Transport = transport;
            await tls.DisposeAsync();
        }
    }

    private SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = credentials.CertificateContext,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,
    };

    private SslClientAuthenticationOptions ClientOptions() => new()
    {
        TargetHost = TargetHost,
        ClientCertificateContext = credentials.CertificateContext,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,
    };

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
