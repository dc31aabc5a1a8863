using System.Security.Authentication;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Cluster.Tests;
using Xunit;

namespace OrleansGossip.Security.Tests;

[Trait("Category", "Security")]
[Collection(TlsClusterCollection.Name)]
public sealed class TlsClusterTests(TlsClusterFixture cluster)
{
    [Fact]
    public async Task Two_silos_join_over_mutual_tls_and_run_a_scenario_across_them()
    {
        Assert.Equal(2, await cluster.Client.ActiveSilosAsync());

        var report = await cluster.Grains.RunToCompletionAsync(TestRuns.NewId("tls"), TestScenarios.Traffic(GossipProtocol.AdvertGossip));

        var subnet = Assert.Single(report.Subnets);
        Assert.All(subnet.Kinds, k => Assert.Equal(1.0, k.DeliveryRatio));
        Assert.Equal(0, subnet.RejectedNonMember);

        // The run's traffic between the silos went through TLS ...
        Assert.All([cluster.Primary.Monitor().Traffic, cluster.Secondary.Monitor().Traffic], t => Assert.True(t.BytesSent > 100_000 && t.BytesReceived > 100_000, $"{t.BytesSent} B sent, {t.BytesReceived} B received"));

        // ... and every Orleans connection between the silos, and the client's, is TLS 1.3 with a peer of the right role.
        var primary = cluster.Primary.Monitor().OpenConnections;
        var secondary = cluster.Secondary.Monitor().OpenConnections;
        Assert.Contains(primary, c => c.Endpoint == TlsEndpoint.SiloInbound || c.Endpoint == TlsEndpoint.SiloOutbound);
        Assert.Contains(secondary, c => c.Endpoint == TlsEndpoint.SiloInbound || c.Endpoint == TlsEndpoint.SiloOutbound);
        Assert.Contains(primary, c => c.Endpoint == TlsEndpoint.GatewayInbound && c.Peer.Subject.Contains("CN=gateway", StringComparison.Ordinal));
        Assert.All(primary.Concat(secondary), c => Assert.Equal(SslProtocols.Tls13, c.Protocol));
        Assert.All(
            primary.Concat(secondary).Where(c => c.Endpoint != TlsEndpoint.GatewayInbound),
            c => Assert.Matches("CN=silo-[12]", c.Peer.Subject));
    }
}
