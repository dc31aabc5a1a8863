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

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task A_silo_that_the_cluster_does_not_trust_cannot_join_and_the_cluster_keeps_running(string intruder)
    {
        var pki = TestPki.Shared;
        var (tls, refusal) = intruder switch
        {
            "untrusted" => (TestSilos.Tls(pki.ForeignSilo), PeerRefusal.Untrusted),
            "client-certificate" => (TestSilos.Tls(pki.Client("gateway")), PeerRefusal.WrongRole),
            _ => ((Action<TlsOptions>?)null, PeerRefusal.HandshakeFailed),
        };
        var settings = TestSilos.Settings($"intruder-{intruder}", cluster.PrimarySettings.SiloPort, tls);
        var refusedBefore = cluster.Primary.Monitor().RecentRefusals.Count(r => r.Refusal == refusal);

        var host = TestSilos.Build(settings);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await host.StopQuietlyAsync();
        }

        Assert.True(
            cluster.Primary.Monitor().RecentRefusals.Count(r => r.Refusal == refusal) > refusedBefore,
            $"silo-1 recorded no {refusal} refusal; it recorded: {string.Join("; ", cluster.Primary.Monitor().RecentRefusals.Select(r => $"{r.Refusal}: {r.Reason}"))}");
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
