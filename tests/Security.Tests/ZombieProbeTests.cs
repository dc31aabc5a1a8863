using Xunit;

namespace OrleansGossip.Security.Tests;

[Collection(TlsClusterCollection.Name)]
public sealed class ZombieProbeTests(TlsClusterFixture cluster)
{
    [Fact]
    public async Task Probe()
    {
        var idle0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var idleCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - idle0).TotalSeconds;
        var silo = TestSilos.Settings("zombie", cluster.PrimarySettings.SiloPort, TestSilos.Tls(TestPki.Shared.ForeignSilo));
        var siloHost = TestSilos.Build(silo);
        try { await siloHost.StartAsync(TestContext.Current.CancellationToken); } catch { }
        await siloHost.StopQuietlyAsync();
        var s0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var afterSiloCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - s0).TotalSeconds;
        var client = TestSilos.BuildClient(cluster.PrimarySettings.GatewayPort, tls => { tls.Certificate = TestPki.Shared.ForeignSilo; tls.CaCertificates = TestPki.Shared.Trust; });
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5))) { try { await client.StartAsync(cts.Token); } catch { } }
        await client.StopQuietlyAsync();
        var before = cluster.Primary.Monitor().Refused;
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var after = cluster.Primary.Monitor().Refused;
        var recent = cluster.Primary.Monitor().RecentRefusals.TakeLast(5).Select(r => $"{r.At:HH:mm:ss.fff} {r.Endpoint} {r.Remote} {r.Refusal}");
        Assert.Fail($"refusals in 20 s after the intruders stopped: {after - before}; last: {string.Join(" | ", recent)}; threads {System.Threading.ThreadPool.ThreadCount}, CPU idle {idleCpu:F1} s/10 s, after failed silo {afterSiloCpu:F1} s/10 s, after failed client {cpu:F1} s in 20 s");
    }
}
