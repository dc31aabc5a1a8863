using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Silo.Commands;
using OrleansGossip.Silo.Hosting;
using OrleansGossip.Silo.Security;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>tls-cost</c>: what mutual TLS on the Orleans connections costs the emulator. In one process it starts a cluster
/// of two silos on loopback (random placement, so about half of the nodes' messages cross the silo connection),
/// runs a 10 x 13 advert-gossip scenario on it, stops it, and does the same on a cluster with mutual TLS 1.3, in
/// pairs whose order alternates; it compares deliveries per wall second and process CPU per delivery, and, with
/// <c>--saturate-rate</c>, as many pairs again at an offered load above capacity, where throughput is the cluster's
/// capacity. Each run gets a cluster of its own and a 5 s warm-up at its rate.
/// </summary>
public static class TlsCostCommand
{
    public static Command Create()
    {
        var rate = new Option<double>("--rate", "-r") { Description = "Ingress messages per second per subnet.", DefaultValueFactory = _ => 100 };
        var saturate = new Option<double>("--saturate-rate") { Description = "A rate above capacity for as many saturated pairs of runs (0: skip).", DefaultValueFactory = _ => 400 };
        var subnets = new Option<int>("--subnets") { Description = "Subnets in the run.", DefaultValueFactory = _ => 10 };
        var nodes = new Option<int>("--nodes") { Description = "Nodes per subnet.", DefaultValueFactory = _ => 13 };
        var duration = new Option<double>("--duration") { Description = "Seconds of workload per run.", DefaultValueFactory = _ => 15 };
        var pairs = new Option<int>("--pairs") { Description = "Plaintext/TLS pairs of runs at the offered rate.", DefaultValueFactory = _ => 2 };
        var command = new Command("tls-cost", "Throughput and CPU per delivery of a run on two silos without TLS and with mutual TLS.")
        {
            rate, saturate, subnets, nodes, duration, pairs,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetValue(rate), parse.GetValue(saturate), parse.GetValue(subnets), parse.GetValue(nodes), parse.GetValue(duration), parse.GetValue(pairs)));
        return command;
    }

    private static async Task<int> ExecuteAsync(double rate, double saturateRate, int subnets, int nodes, double duration, int pairs)
    {
        var total = Stopwatch.StartNew();
        BenchmarkOutput.Progress($"tls-cost: 2 silos, {subnets} x {nodes} nodes, 1 KiB ingress at {rate}/s per subnet, {duration} s per run, {pairs} pairs");
        BenchmarkOutput.Progress($"machine: {Environment.ProcessorCount} CPUs, {MachineInfo.Current().CpuModel}");
        using var ca = DevelopmentCertificates.CreateCa("tls-cost CA", TimeSpan.FromDays(1));
        using var silo1 = DevelopmentCertificates.Issue(ca, "silo-1", PeerRole.Silo, TimeSpan.FromDays(1));
        using var silo2 = DevelopmentCertificates.Issue(ca, "silo-2", PeerRole.Silo, TimeSpan.FromDays(1));
        var pki = new ClusterPki(ca, [silo1, silo2]);

        var runs = new List<TlsCostRun>();
        for (var pair = 0; pair < pairs; pair++)
        {
            foreach (var tls in BenchmarkOutput.InTurn(pair, false, true))
            {
                runs.Add(await RunOnClusterAsync(tls ? pki : null, NodePlacement.Random, BenchmarkScenarios.Throughput($"tls-{pair}-{(tls ? "on" : "off")}", subnets, nodes, rate, 1024, duration, 10)));
            }
        }

        if (saturateRate > 0)
        {
            for (var pair = 0; pair < pairs; pair++)
            {
                foreach (var tls in BenchmarkOutput.InTurn(pair, false, true))
                {
                    runs.Add(await RunOnClusterAsync(tls ? pki : null, NodePlacement.Random, BenchmarkScenarios.Throughput($"tls-saturated-{pair}-{(tls ? "on" : "off")}", subnets, nodes, saturateRate, 1024, duration, 10)));
                }
            }
        }

        var offered = runs.Where(r => r.Rate == rate).ToList();
        var matched = Pairs(offered);
        var throughputRatios = matched.Select(p => p.Tls.DeliveriesPerSecond / p.Plain.DeliveriesPerSecond).ToList();
        var cpuRatios = matched.Select(p => p.Tls.CpuMicrosPerDelivery / p.Plain.CpuMicrosPerDelivery).ToList();
        var saturated = Pairs(runs.Where(r => r.Rate == saturateRate && saturateRate > 0).ToList());
        var saturatedRatios = saturated.Select(p => p.Tls.DeliveriesPerSecond / p.Plain.DeliveriesPerSecond).ToList();
        var saturatedCpuRatios = saturated.Select(p => p.Tls.CpuMicrosPerDelivery / p.Plain.CpuMicrosPerDelivery).ToList();
        var plainRate = offered.Where(r => !r.Tls).Average(r => r.DeliveriesPerSecond);
        var tlsRate = offered.Where(r => r.Tls).Average(r => r.DeliveriesPerSecond);
        var result = new TlsCostResult
        {
            Subnets = subnets,
            NodesPerSubnet = nodes,
            IngressPerSecondPerSubnet = rate,
            DurationSeconds = duration,
            Runs = runs,
            PlaintextDeliveriesPerSecond = BenchmarkOutput.Round(plainRate),
            TlsDeliveriesPerSecond = BenchmarkOutput.Round(tlsRate),
            ThroughputRatio = BenchmarkOutput.Round(tlsRate / plainRate, 4),
            MedianPairThroughputRatio = BenchmarkOutput.Round(BenchmarkOutput.Median(throughputRatios), 4),
            PlaintextCpuMicrosPerDelivery = BenchmarkOutput.Round(offered.Where(r => !r.Tls).Average(r => r.CpuMicrosPerDelivery), 2),
            TlsCpuMicrosPerDelivery = BenchmarkOutput.Round(offered.Where(r => r.Tls).Average(r => r.CpuMicrosPerDelivery), 2),
            MedianPairCpuOverheadPercent = BenchmarkOutput.Round((BenchmarkOutput.Median(cpuRatios) - 1) * 100, 2),
            SaturatedRate = saturated.Count > 0 ? saturateRate : null,
            SaturatedPlaintextDeliveriesPerSecond = saturated.Count > 0 ? BenchmarkOutput.Round(saturated.Average(p => p.Plain.DeliveriesPerSecond)) : null,
            SaturatedTlsDeliveriesPerSecond = saturated.Count > 0 ? BenchmarkOutput.Round(saturated.Average(p => p.Tls.DeliveriesPerSecond)) : null,
            SaturatedMedianPairThroughputRatio = saturated.Count > 0 ? BenchmarkOutput.Round(BenchmarkOutput.Median(saturatedRatios), 4) : null,
            SaturatedMedianPairCpuOverheadPercent = saturated.Count > 0 ? BenchmarkOutput.Round((BenchmarkOutput.Median(saturatedCpuRatios) - 1) * 100, 2) : null,
            Machine = MachineInfo.Current(),
            TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds),
        };
        BenchmarkOutput.Progress($"at {rate}/s: plaintext {result.PlaintextDeliveriesPerSecond:N0}/s, TLS {result.TlsDeliveriesPerSecond:N0}/s: ratio {result.ThroughputRatio} (median of pairs {result.MedianPairThroughputRatio}); CPU per delivery {result.PlaintextCpuMicrosPerDelivery} vs {result.TlsCpuMicrosPerDelivery} µs (median of pairs {result.MedianPairCpuOverheadPercent:+0.##;-0.##} %)");
        if (saturated.Count > 0)
        {
            BenchmarkOutput.Progress($"saturated at {saturateRate}/s: plaintext {result.SaturatedPlaintextDeliveriesPerSecond:N0}/s, TLS {result.SaturatedTlsDeliveriesPerSecond:N0}/s: median pair ratio {result.SaturatedMedianPairThroughputRatio}, CPU per delivery {result.SaturatedMedianPairCpuOverheadPercent:+0.##;-0.##} %");
        }

        BenchmarkOutput.Result(result);
        return 0;
    }

    /// <summary>
    /// Starts two silos (with mutual TLS when given a CA and their certificates) placing nodes by
    /// <paramref name="placement"/>, runs a short warm-up and then <paramref name="scenario"/>, and stops them.
    /// </summary>
    internal static async Task<TlsCostRun> RunOnClusterAsync(ClusterPki? pki, NodePlacement placement, ScenarioSpec scenario)
    {
        var primaryPort = LoopbackPort.Free();
        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var silo = i;
                var settings = new ClusterSiloSettings
                {
                    Name = $"silo-{i + 1}",
                    SiloPort = i == 0 ? primaryPort : LoopbackPort.Free(),
                    GatewayPort = LoopbackPort.Free(),
                    PrimarySiloPort = primaryPort,
                    Tls = pki is not null,
                    ConfigureTls = o =>
                    {
                        o.Certificate = pki!.Silos[silo];
                        o.CaCertificates = [pki.Ca];
                    },
                    LogLevel = LogLevel.Error,
                    ConfigureSilo = silo => silo.Configure<EmulatorOptions>(o => o.NodePlacement = placement),
                };
                var host = ClusterSilo.Build(settings, new ConfigurationBuilder().Build());
                hosts.Add(host);
                await host.StartAsync();
            }

            var tls = pki is not null;
            var grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
            BenchmarkOutput.Progress($"{(tls ? "TLS" : "plaintext")} cluster of 2 silos placing nodes {(placement == NodePlacement.Subnet ? "by subnet" : "at random")} up; 5 s warm-up at the run's rate");
            var warm = BenchmarkScenarios.Throughput($"{scenario.Name}-warmup", scenario.Subnets.Count, scenario.Subnets[0].Nodes, scenario.Workload!.Ingress!.RatePerSecond, 1024, 5, 5);
            await RunAsync(grains, warm);

            var monitors = tls ? hosts.Select(h => h.Services.GetRequiredService<TlsConnectionMonitor>()).ToList() : [];
            var sentBefore = monitors.Sum(m => m.Traffic.BytesSent);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = await RunAsync(grains, scenario) ?? throw new InvalidOperationException($"run {scenario.Name} failed");
            var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
            var tlsMegabytes = (monitors.Sum(m => m.Traffic.BytesSent) - sentBefore) / 1e6;
            var tlsConnections = tls ? hosts.Sum(h => h.Services.GetRequiredService<TlsConnectionMonitor>().OpenConnections.Count(c => c.Endpoint is TlsEndpoint.SiloInbound or TlsEndpoint.SiloOutbound)) : 0;
            var ingress = report.Subnets.SelectMany(s => s.Kinds).Where(k => k.Kind == ArtifactKind.Ingress.WireName()).ToList();
            var ratio = ReportFigures.DeliveryRatio(ingress);
            var deliveries = report.Emulator.Deliveries;
            var ran = report.Host;
            var run = new TlsCostRun(
                tls,
                scenario.Workload!.Ingress!.RatePerSecond,
                BenchmarkOutput.Round(ran.DeliveriesPerSecond),
                deliveries,
                BenchmarkOutput.Round(ran.WallSeconds, 2),
                BenchmarkOutput.Round(deliveries == 0 ? 0 : cpuMicros / deliveries, 2),
                BenchmarkOutput.Round(ran.Slowdown, 3),
                BenchmarkOutput.Round(ratio, 5),
                tlsConnections,
                BenchmarkOutput.Round(tlsMegabytes, 1));
            BenchmarkOutput.Progress($"{scenario.Name}: {run.DeliveriesPerSecond:N0} deliveries/s, {run.CpuMicrosPerDelivery} µs CPU per delivery, delivery ratio {run.DeliveryRatio:P2}, slowdown {run.Slowdown:F2}{(tls ? $", {tlsConnections} TLS silo connections carried {run.TlsMegabytesSent} MB" : "")}");
            return run;
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                try
                {
                    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await host.StopAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
                {
                }

                host.Dispose();
            }
        }
    }

    /// <summary>The runs in the pairs they were made in (plaintext and TLS, either order).</summary>
    private static List<(TlsCostRun Plain, TlsCostRun Tls)> Pairs(IReadOnlyList<TlsCostRun> runs) =>
        runs.Chunk(2).Where(p => p.Length == 2).Select(p => (Plain: p.Single(r => !r.Tls), Tls: p.Single(r => r.Tls))).ToList();

    private static async Task<Abstractions.Reports.RunReport?> RunAsync(IGrainFactory grains, ScenarioSpec scenario)
    {
        var run = grains.GetGrain<IRunGrain>($"{scenario.Name}-{DateTime.UtcNow:HHmmssfff}");
        return await RunCommand.RunToCompletionAsync(run, scenario, new ProgressLine(TextWriter.Null, interactive: false), CancellationToken.None);
    }
}

/// <summary>A cluster's CA and its silos' certificates, in silo order.</summary>
internal sealed record ClusterPki(X509Certificate2 Ca, X509Certificate2[] Silos);
