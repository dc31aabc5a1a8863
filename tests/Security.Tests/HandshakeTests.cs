using System.Security.Authentication;
using System.Text;
using OrleansGossip.Abstractions.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Peers that are not proper silos, on a bare socket: the silo closes their connection before Orleans reads a byte of it.</summary>
[Trait("Category", "Security")]
[Collection(TlsClusterCollection.Name)]
public sealed class HandshakeTests(TlsClusterFixture cluster)
{
    private int SiloPort => cluster.PrimarySettings.SiloPort;

    [Fact]
    public async Task A_peer_without_a_certificate_is_refused()
    {
        var (port, open) = await RawTls.HandshakeAsync(SiloPort, certificate: null);

        Assert.False(open);
        var refusal = await RawTls.RefusalAsync(cluster.Primary, port);
        Assert.Equal(PeerRefusal.NoCertificate, refusal.Refusal);
        Assert.Equal(TlsEndpoint.SiloInbound, refusal.Endpoint);
    }

    [Fact]
    public async Task A_peer_with_an_expired_certificate_of_the_cluster_ca_is_refused()
    {
        var (port, open) = await RawTls.HandshakeAsync(SiloPort, TestPki.Shared.ExpiredSilo);

        Assert.False(open);
        var refusal = await RawTls.RefusalAsync(cluster.Primary, port);
        Assert.Equal(PeerRefusal.Expired, refusal.Refusal);
        Assert.Contains("expired", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_with_a_certificate_of_another_ca_is_refused()
    {
        var (port, open) = await RawTls.HandshakeAsync(SiloPort, TestPki.Shared.ForeignSilo);

        Assert.False(open);
        Assert.Equal(PeerRefusal.Untrusted, (await RawTls.RefusalAsync(cluster.Primary, port)).Refusal);
    }

    [Fact]
    public async Task A_client_certificate_cannot_connect_as_a_silo()
    {
        var (port, open) = await RawTls.HandshakeAsync(SiloPort, TestPki.Shared.Client("dashboard"));

        Assert.False(open);
        Assert.Equal(PeerRefusal.WrongRole, (await RawTls.RefusalAsync(cluster.Primary, port)).Refusal);
    }

    [Fact]
    public async Task A_plaintext_peer_is_refused()
    {
        // What an Orleans silo without TLS sends first: its connection preamble, in the clear.
        var (port, open) = await RawTls.PlaintextAsync(SiloPort, Encoding.ASCII.GetBytes("\0\0\0\x10orleans-preamble-in-the-clear"));

        Assert.False(open);
        Assert.Equal(PeerRefusal.HandshakeFailed, (await RawTls.RefusalAsync(cluster.Primary, port)).Refusal);
    }

    [Fact]
    public async Task A_peer_offering_only_tls_1_2_is_refused_even_with_a_trusted_certificate()
    {
        var (port, open) = await RawTls.HandshakeAsync(SiloPort, TestPki.Shared.Silo("silo-2"), SslProtocols.Tls12);

        Assert.False(open);
        Assert.Equal(PeerRefusal.HandshakeFailed, (await RawTls.RefusalAsync(cluster.Primary, port)).Refusal);
    }

    [Fact]
    public async Task The_gateway_refuses_a_client_whose_certificate_is_not_trusted()
    {
        var (port, open) = await RawTls.HandshakeAsync(cluster.PrimarySettings.GatewayPort, TestPki.Shared.ForeignSilo);

        Assert.False(open);
        var refusal = await RawTls.RefusalAsync(cluster.Primary, port);
        Assert.Equal(TlsEndpoint.GatewayInbound, refusal.Endpoint);
        Assert.Equal(PeerRefusal.Untrusted, refusal.Refusal);
    }
}
