using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Hosting;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>Real silos that must not join the TLS cluster, and the cluster that runs on regardless.</summary>
[Trait("Category", "Security")]
[Collection(TlsClusterCollection.Name)]
public sealed class SiloAdmissionTests(TlsClusterFixture cluster)
{
    public static TheoryData<string> Intruders => ["untrusted", "client-certificate", "plaintext"];

    /// <summary>
    /// Refused on both sides: silo-1 refuses the intruder's certificate (or its plaintext) in the handshake, and a
    /// TLS intruder, whose own TLS 1.3 handshake completed before silo-1 judged it, records that silo-1 hung up on it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task A_silo_that_the_cluster_does_not_trust_cannot_join_and_the_cluster_keeps_running(string intruder)
    {
        var pki = TestPki.Shared;
        var (tls, refusal) = intruder switch
        {
            "untrusted" => (TestSilos.Tls(pki.ForeignSilo), PeerRefusal.Untrusted),
            "client-certificate" => (TestSilos.Tls(pki.Client("intruder")), PeerRefusal.WrongRole),
            _ => ((Action<TlsOptions>?)null, PeerRefusal.HandshakeFailed),
        };
        var settings = TestSilos.Settings($"intruder-{intruder}", cluster.PrimarySettings.SiloPort, tls, joinAttempt: TestSilos.IntruderJoinAttempt);
        var since = DateTimeOffset.UtcNow;

        var host = TestSilos.Build(settings);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

            var refused = await cluster.Primary.RefusalAsync(since, r => r.Endpoint == TlsEndpoint.SiloInbound && r.Refusal == refusal, $"silo-1 records a {refusal} refusal");
            if (tls is not null)
            {
                Assert.Equal(CertificateFingerprint.Of(intruder == "untrusted" ? pki.ForeignSilo : pki.Client("intruder")), refused.PeerFingerprint);
                var hungUp = await host.RefusalAsync(since, r => r.Endpoint == TlsEndpoint.SiloOutbound && r.Refusal == PeerRefusal.RefusedByPeer, "the intruder records that silo-1 refused it");
                Assert.Equal(cluster.Primary.Services.GetRequiredService<TlsCredentials>().Fingerprint, hungUp.PeerFingerprint);
                Assert.Contains("CN=silo-1", hungUp.Reason, StringComparison.Ordinal);
            }
        }
        finally
        {
            await host.StopQuietlyAsync();
        }

        await AssertClusterRunsAsync();
    }

    [Fact]
    public async Task A_silo_with_an_expired_certificate_does_not_start_and_says_which_setting_is_wrong()
    {
        var settings = TestSilos.Settings("expired", cluster.PrimarySettings.SiloPort, TestSilos.Tls(TestPki.Shared.ExpiredSilo));

        var error = await StartFailsAsync<OptionsValidationException>(settings);

        Assert.Contains("Tls:Certificate:", error.Message, StringComparison.Ordinal);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        await AssertClusterRunsAsync();
    }

    [Fact]
    public async Task A_silo_with_no_certificate_at_all_does_not_start_and_names_the_missing_settings()
    {
        var settings = TestSilos.Settings("no-certificate", cluster.PrimarySettings.SiloPort, tls => { });

        var error = await StartFailsAsync<OptionsValidationException>(settings);

        Assert.Contains("Tls:CertificatePath is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tls:CaCertificatePath or Tls:PinnedFingerprints is required", error.Message, StringComparison.Ordinal);
        await AssertClusterRunsAsync();
    }

    private static async Task<T> StartFailsAsync<T>(ClusterSiloSettings settings)
        where T : Exception
    {
        var host = TestSilos.Build(settings);
        try
        {
            return await Assert.ThrowsAsync<T>(() => host.StartAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    private async Task AssertClusterRunsAsync()
    {
        Assert.Equal(2, await cluster.Client.ActiveSilosAsync());
        var registry = cluster.Grains.GetGrain<IRegistryGrain>(Guid.NewGuid().ToString("N"));
        Assert.Equal(0, (await registry.GetSnapshotAsync()).Version);
    }
}
