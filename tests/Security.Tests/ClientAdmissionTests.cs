using Microsoft.Extensions.Hosting;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Orleans clients (the Gateway, the Dashboard) connecting to a TLS cluster: mutual authentication, both ways.</summary>
[Trait("Category", "Security")]
[Collection(TlsClusterCollection.Name)]
public sealed class ClientAdmissionTests(TlsClusterFixture cluster)
{
    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_ca_connects_to_either_silo()
    {
        var client = await TestSilos.StartClientAsync(cluster.SecondarySettings.GatewayPort, TestPki.Shared.Files("dashboard"));
        try
        {
            var snapshot = await client.Grains().GetGrain<IRegistryGrain>(Guid.NewGuid().ToString("N")).GetSnapshotAsync();
            Assert.Empty(snapshot.Nodes);
            var connection = Assert.Single(client.Monitor().OpenConnections);
            Assert.Equal(TlsEndpoint.ClientOutbound, connection.Endpoint);
            Assert.Equal(System.Security.Authentication.SslProtocols.Tls13, connection.Protocol);
            Assert.Contains("CN=silo-2", connection.Peer.Subject, StringComparison.Ordinal);
        }
        finally
        {
            await client.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_client_with_an_untrusted_certificate_cannot_connect_and_learns_that_it_was_refused()
    {
        var since = DateTimeOffset.UtcNow;
        var foreign = DevelopmentCertificates.Issue(TestPki.Shared.ForeignCa, "foreign-client", PeerRole.Client, TimeSpan.FromDays(1));

        await RefusedClientAsync(
            tls =>
            {
                tls.Certificate = foreign;
                tls.CaCertificates = TestPki.Shared.Trust;
            },
            async client =>
            {
                var refusal = await cluster.Primary.RefusalAsync(since, r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal == PeerRefusal.Untrusted, "silo-1's gateway refuses the client");
                Assert.Equal(CertificateFingerprint.Of(foreign), refusal.PeerFingerprint);

                // The client's TLS 1.3 handshake ended before the gateway judged its certificate: it learns from the hang-up.
                await client.RefusalAsync(since, r => r.Endpoint == TlsEndpoint.ClientOutbound && r.Refusal == PeerRefusal.RefusedByPeer, "the client records that the gateway refused it");
            });
    }

    [Fact]
    public async Task A_plaintext_client_cannot_connect()
    {
        var since = DateTimeOffset.UtcNow;

        await RefusedClientAsync(
            tls: null,
            _ => cluster.Primary.RefusalAsync(since, r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal == PeerRefusal.HandshakeFailed, "silo-1's gateway refuses the plaintext client"));
    }

    [Fact]
    public async Task A_client_refuses_a_silo_it_does_not_trust()
    {
        var since = DateTimeOffset.UtcNow;

        // The client trusts another CA only: the silo's certificate does not satisfy it, whatever the silo thinks of the client.
        await RefusedClientAsync(
            tls =>
            {
                tls.Certificate = TestPki.Shared.Client("gateway");
                tls.CaCertificates = [TestPki.Shared.ForeignCa];
            },
            async client =>
            {
                var refusal = await client.RefusalAsync(since, r => r.Endpoint == TlsEndpoint.ClientOutbound && r.Refusal == PeerRefusal.Untrusted, "the client refuses silo-1");
                Assert.Contains("CN=silo-1", refusal.Reason, StringComparison.Ordinal);

                // The gateway learns of it only from the hang-up. Whether its side of the handshake completed first
                // is a race: the client judges the certificate around the time it sends its Finished, and when it
                // hangs up on a busy gateway that has not read that Finished yet, the gateway sees the hang-up
                // during the handshake.
                await cluster.Primary.RefusalAsync(
                    since,
                    r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal is PeerRefusal.RefusedByPeer or PeerRefusal.HandshakeFailed,
                    "silo-1's gateway records that the client hung up on it");
            });
    }

    /// <summary>
    /// Starts a client that must not get in: once <paramref name="refused"/> has seen the refusals it expects (an
    /// Orleans client retries a gateway that refuses it, with back-off, for minutes), the start is called off, and it
    /// must not have succeeded.
    /// </summary>
    private async Task RefusedClientAsync(Action<TlsOptions>? tls, Func<IHost, Task> refused)
    {
        var client = TestSilos.BuildClient(cluster.PrimarySettings.GatewayPort, tls);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TestSilos.StartTimeout);
        try
        {
            var starting = client.StartAsync(giveUp.Token);
            await refused(client);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => starting);
        }
        finally
        {
            await client.StopQuietlyAsync();
        }
    }
}
