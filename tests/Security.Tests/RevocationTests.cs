using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Cluster.Tests;
using OrleansGossip.Silo.Security;
using Xunit;

namespace OrleansGossip.Security.Tests;

/// <summary>A silo that the registry's silo allow-list revokes is cut off and refused, and the cluster goes on without it.</summary>
[Trait("Category", "Security")]
public sealed class RevocationTests
{
    [Fact]
    public async Task A_revoked_silo_is_disconnected_refused_on_its_next_connection_and_declared_dead()
    {
        var pki = TestPki.Shared;
        const string clusterId = "revocation-tests";
        var a = TestSilos.Settings("silo-a", null, TestSilos.Tls(pki.Silo("silo-a")), clusterId: clusterId, fastFailureDetection: true);
        var b = TestSilos.Settings("silo-b", a.SiloPort, TestSilos.Tls(pki.Silo("silo-b")), clusterId: clusterId, fastFailureDetection: true);
        var hosts = new List<IHost>();
        try
        {
            var primary = await TestSilos.StartAsync(a);
            hosts.Add(primary);
            var revoked = await TestSilos.StartAsync(b);
            hosts.Add(revoked);

            // Until silo-a counts silo-b in, the two may disagree on which owns the registry grain's directory entry,
            // and the allow-list could be written to one activation and read from another.
            await Poll.UntilAsync(async () => await primary.ActiveSilosAsync() == 2, "silo-a sees silo-b join the cluster");
            var registry = primary.Grains().GetGrain<IRegistryGrain>("cluster");

            var allowedVersion = await registry.AllowSilosAsync([CertificateFingerprint.Of(pki.Silo("silo-a")), CertificateFingerprint.Of(pki.Silo("silo-b"))]);
            var cache = primary.Services.GetRequiredService<SiloAllowListCache>();
            await Poll.UntilAsync(() => Task.FromResult(cache.Current.Version >= allowedVersion), "silo-a reads the allow-list with both silos");
            Assert.True(cache.Current.InForce);
            Assert.Equal(2, await primary.ActiveSilosAsync());

            var fingerprint = CertificateFingerprint.Of(pki.Silo("silo-b"));
            Assert.DoesNotContain(primary.Monitor().RecentRefusals, r => r.Refusal == PeerRefusal.Revoked);
            var revokedVersion = await registry.RevokeSiloAsync(fingerprint);

            // Within a refresh, silo-a closes silo-b's open connections ...
            await Poll.UntilAsync(() => Task.FromResult(cache.Current.Version >= revokedVersion), "silo-a reads the allow-list without silo-b", TimeSpan.FromSeconds(15));
            await Poll.UntilAsync(
                () => Task.FromResult(primary.Monitor().RecentRefusals.Any(r => r.Refusal == PeerRefusal.Revoked && r.PeerFingerprint == fingerprint)),
                "silo-a closes the revoked silo's connections",
                TimeSpan.FromSeconds(15));
            await Poll.UntilAsync(
                () => Task.FromResult(!primary.Monitor().OpenConnections.Any(c => c.Peer.Fingerprint == fingerprint)),
                "the revoked silo's connections are closed");

            // ... refuses its next connection ...
            var accepted = primary.Monitor().Accepted;
            var (port, open) = await RawTls.HandshakeAsync(a.SiloPort, pki.Silo("silo-b"));
            Assert.False(open, $"the revoked certificate's connection stayed open; silo-a admitted {primary.Monitor().Accepted - accepted} connections meanwhile, its allow-list is {cache.Current}, open: {string.Join("; ", primary.Monitor().OpenConnections.Select(c => $"{c.Endpoint} {c.Peer.Subject}"))}");
            var refusal = await RawTls.RefusalAsync(primary, port);
            Assert.Equal(PeerRefusal.Revoked, refusal.Refusal);
            Assert.Contains("not on the silo allow-list", refusal.Reason, StringComparison.Ordinal);

            // ... and the cluster declares it dead and runs on.
            await Poll.UntilAsync(async () => await primary.ActiveSilosAsync() == 1, "the cluster declares the revoked silo dead", TimeSpan.FromSeconds(45));
            var probe = primary.Grains().GetGrain<IRegistryGrain>(Guid.NewGuid().ToString("N"));
            Assert.Equal(0, (await probe.GetSnapshotAsync()).Version);
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopQuietlyAsync();
            }
        }
    }

    [Fact]
    public async Task The_registry_keeps_the_silo_allow_list_in_versions_and_refuses_bad_changes()
    {
        var pki = TestPki.Shared;
        var settings = TestSilos.Settings("allow-list", null, tls: null, clusterId: "allow-list-tests");
        var host = await TestSilos.StartAsync(settings);
        try
        {
            var registry = host.Grains().GetGrain<IRegistryGrain>(Guid.NewGuid().ToString("N"));
            var first = CertificateFingerprint.Of(pki.Silo("silo-1"));
            var second = CertificateFingerprint.Of(pki.Silo("silo-2"));

            Assert.False((await registry.GetSiloAllowListAsync()).InForce);
            await Assert.ThrowsAsync<RegistryException>(() => registry.RevokeSiloAsync(first));
            await Assert.ThrowsAsync<RegistryException>(() => registry.AllowSilosAsync([first, "not-a-fingerprint"]));
            await Assert.ThrowsAsync<RegistryException>(() => registry.AllowSilosAsync([]));
            Assert.False((await registry.GetSiloAllowListAsync()).InForce);

            var v1 = await registry.AllowSilosAsync([first.ToUpperInvariant()]);
            var v2 = await registry.AllowSilosAsync([first, string.Join(':', second.Chunk(2).Select(c => new string(c)))]);
            Assert.Equal(v2, await registry.AllowSilosAsync([second, first]));
            var v3 = await registry.RevokeSiloAsync(second);

            Assert.True(v1 < v2 && v2 < v3);
            var list = await registry.GetSiloAllowListAsync();
            Assert.Equal(v3, list.Version);
            Assert.True(list.InForce);
            Assert.Equal([first], list.Fingerprints);
            Assert.True(list.Admits(first));
            Assert.False(list.Admits(second));
            await Assert.ThrowsAsync<RegistryException>(() => registry.RevokeSiloAsync(second));
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }
}
