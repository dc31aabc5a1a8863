using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Orleans clients (the Gateway, the Dashboard) connecting to a TLS cluster: mutual authentication, both ways.</summary>
[Trait("Category", "Security")]
[Collection(TlsClusterCollection.Name)]
public sealed class ClientAdmissionTests(TlsClusterFixture cluster)
{
    /// <summary>How long a refused client is given to connect all the same (it keeps retrying for minutes).</summary>
    private static readonly TimeSpan RefusedWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_ca_connects_to_either_silo()
    {
        var client = await TestSilos.StartClientAsync(cluster.SecondarySettings.GatewayPort, TestSilos.Tls(TestPki.Shared.Client("dashboard")));
        try
        {
            var snapshot = await client.Grains().GetGrain<IRegistryGrain>(Guid.NewGuid().ToString("N")).GetSnapshotAsync();
            Assert.Empty(snapshot.Nodes);
        }
        finally
        {
            await client.StopQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_client_with_an_untrusted_certificate_cannot_connect()
    {
        var refusedBefore = cluster.Primary.Monitor().RecentRefusals.Count(r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal == PeerRefusal.Untrusted);
        var foreign = DevelopmentClient();

        await Assert.ThrowsAnyAsync<Exception>(() => TestSilos.StartClientAsync(cluster.PrimarySettings.GatewayPort, foreign, within: RefusedWithin));

        Assert.True(cluster.Primary.Monitor().RecentRefusals.Count(r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal == PeerRefusal.Untrusted) > refusedBefore);
    }

    [Fact]
    public async Task A_plaintext_client_cannot_connect()
    {
        var refusedBefore = cluster.Primary.Monitor().RecentRefusals.Count(r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal == PeerRefusal.HandshakeFailed);

        await Assert.ThrowsAnyAsync<Exception>(() => TestSilos.StartClientAsync(cluster.PrimarySettings.GatewayPort, tls: null, within: RefusedWithin));

        Assert.True(cluster.Primary.Monitor().RecentRefusals.Count(r => r.Endpoint == TlsEndpoint.GatewayInbound && r.Refusal == PeerRefusal.HandshakeFailed) > refusedBefore);
    }

    [Fact]
    public async Task A_client_refuses_a_silo_it_does_not_trust()
    {
        // The client trusts another CA only: the silo's certificate does not satisfy it, whatever the silo thinks of the client.
        var client = TestSilos.BuildClient(cluster.PrimarySettings.GatewayPort, tls =>
        {
            tls.Certificate = TestPki.Shared.Client("gateway");
            tls.CaCertificates = [TestPki.Shared.ForeignCa];
        });
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(RefusedWithin);
            await Assert.ThrowsAnyAsync<Exception>(() => client.StartAsync(timeout.Token));
            var refusal = client.Monitor().RecentRefusals[0];
            Assert.Equal(TlsEndpoint.ClientOutbound, refusal.Endpoint);
            Assert.Equal(PeerRefusal.Untrusted, refusal.Refusal);
        }
        finally
        {
            await client.StopQuietlyAsync();
        }
    }

    /// <summary>A client certificate issued by the foreign CA, which the cluster does not trust; the client itself trusts the cluster.</summary>
    private static Action<TlsOptions> DevelopmentClient() => tls =>
    {
        tls.Certificate = Silo.Security.DevelopmentCertificates.Issue(TestPki.Shared.ForeignCa, "foreign-client", PeerRole.Client, TimeSpan.FromDays(1));
        tls.CaCertificates = TestPki.Shared.Trust;
    };
}
