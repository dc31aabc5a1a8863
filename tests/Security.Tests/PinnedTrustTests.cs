using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Trust by pinned certificate fingerprints instead of a cluster CA.</summary>
[Trait("Category", "Security")]
public sealed class PinnedTrustTests
{
    [Fact]
    public async Task A_silo_with_pinned_trust_admits_the_pinned_certificates_only()
    {
        var pki = TestPki.Shared;
        var silo = pki.Silo("pinned-silo");
        var client = pki.Client("pinned-client");
        var pins = new[] { CertificateFingerprint.Of(silo), CertificateFingerprint.Of(client) };
        var settings = TestSilos.Settings("pinned-silo", null, tls =>
        {
            tls.Certificate = silo;
            tls.PinnedFingerprints = [.. pins];
        }, clusterId: "pinned-tests");
        var host = await TestSilos.StartAsync(settings);
        try
        {
            var connected = await TestSilos.StartClientAsync(settings.GatewayPort, tls =>
            {
                tls.Certificate = client;
                tls.PinnedFingerprints = [string.Join(",", pins)];
            }, "pinned-tests");
            try
            {
                Assert.Equal(0, (await connected.Grains().GetGrain<IRegistryGrain>("pinned").GetSnapshotAsync()).Version);
            }
            finally
            {
                await connected.StopQuietlyAsync();
            }

            // A certificate of the CA, valid for a silo, but not pinned.
            var (port, open) = await RawTls.HandshakeAsync(settings.SiloPort, pki.Silo("silo-2"));
            Assert.False(open);
            var refusal = await RawTls.RefusalAsync(host, port);
            Assert.Equal(PeerRefusal.Untrusted, refusal.Refusal);
            Assert.Contains("is not pinned", refusal.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }
}
