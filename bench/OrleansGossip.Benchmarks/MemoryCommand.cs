using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Nodes;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Silo.Hosting;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// <c>memory</c>: sets up N node grains for a run, as a run does (registry records with certificate fingerprints, each
/// node's configuration, its start in its subnet's first window), sends them no traffic, lets them settle, forces a
/// full collection and reports what each idle node costs, with the node certificates apart and the timers they armed.
/// </summary>
public static class MemoryCommand
{
    private const int ConfigureChunk = 500;

    /// <summary>The performance target: at most 8 KiB per idle node.</summary>
    private const double TargetBytesPerNode = 8 * 1024;

    public static Command Create()
    {
        var nodes = new Option<int>("--nodes", "-n") { Description = "Idle nodes to activate.", DefaultValueFactory = _ => 10_000 };
        var subnetSize = new Option<int>("--subnet-size") { Description = "Nodes per subnet.", DefaultValueFactory = _ => 13 };
        var protocol = new Option<string>("--protocol", "-p") { Description = $"The run's protocol: {GossipProtocols.Names}.", DefaultValueFactory = _ => GossipProtocol.AdvertGossip.WireName() };
        var idle = new Option<double>("--idle") { Description = "Seconds the nodes sit idle before memory is measured.", DefaultValueFactory = _ => 5 };
        var hold = new Option<double>("--hold") { Description = "Seconds to stay up after measuring (to attach dotnet-gcdump or dotnet-counters).", DefaultValueFactory = _ => 0 };

        var command = new Command("memory", "Memory per idle node grain.") { nodes, subnetSize, protocol, idle, hold };
        command.SetAction((parse, _) => ExecuteAsync(
            parse.GetValue(nodes), parse.GetValue(subnetSize), parse.GetRequiredValue(protocol), parse.GetValue(idle), parse.GetValue(hold)));
        return command;
    }

    private static async Task<int> ExecuteAsync(int nodes, int subnetSize, string protocolName, double idleSeconds, double holdSeconds)
    {
        if (nodes < 2 || subnetSize < 2)
        {
            await Console.Error.WriteLineAsync("error: --nodes and --subnet-size must be at least 2");
            return 2;
        }

        if (!GossipProtocols.TryParse(protocolName, out var protocol))
        {
            await Console.Error.WriteLineAsync($"error: unknown protocol '{protocolName}'; expected one of {GossipProtocols.Names}");
            return 2;
        }

        var total = Stopwatch.StartNew();
        BenchmarkOutput.Progress($"memory: {nodes:N0} idle nodes in subnets of {subnetSize}, {protocol.WireName()}, no workload");
        MemoryResult result;
        var silo = await EmbeddedSilo.StartAsync();
        try
        {
            // Warm up: one small idle run loads and compiles everything a node activation touches.
            await ConfigureIdleRunAsync(silo, $"bench-memory-warmup-{DateTime.UtcNow:yyyyMMddHHmmssfff}", subnetSize, subnetSize, protocol, quiet: true);
            await Task.Delay(TimeSpan.FromSeconds(1));

            var before = MemorySnapshot.Take();
            var activationsBefore = await NodeActivationsAsync(silo);
            BenchmarkOutput.Progress($"baseline: managed heap {Mib(before.Managed)} MiB, working set {Mib(before.WorkingSet)} MiB, {before.Timers} timers");

            var runId = $"bench-memory-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            var scenario = BenchmarkScenarios.Idle("bench-memory", nodes, subnetSize, 3600);
            var plans = scenario.Subnets.Select(SubnetPlan.From).ToList();

            // Node certificates are made once per node id and kept by the silo: measured on their own.
            var certificates = Stopwatch.StartNew();
            Parallel.ForEach(plans.SelectMany(p => p.Nodes), node => NodeCertificates.For(node));
            var certificateSeconds = certificates.Elapsed.TotalSeconds;
            var afterCertificates = MemorySnapshot.Take();
            BenchmarkOutput.Progress($"{nodes:N0} node certificates in {certificateSeconds:F1} s: {PerNode(afterCertificates.Managed - before.Managed, nodes)} KiB managed, {PerNode(afterCertificates.WorkingSet - before.WorkingSet, nodes)} KiB working set per node");

            var configure = Stopwatch.StartNew();
            await ConfigureIdleRunAsync(silo, runId, nodes, subnetSize, protocol, quiet: false);
            var configureSeconds = configure.Elapsed.TotalSeconds;
            BenchmarkOutput.Progress($"configured {nodes:N0} nodes in {plans.Count:N0} subnets in {configureSeconds:F1} s; idling {idleSeconds} s");

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            process.Refresh();
            var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / idleClock.Elapsed.TotalSeconds;

            var after = MemorySnapshot.Take();
            var activations = await NodeActivationsAsync(silo) - activationsBefore;
            var bytesPerNode = (double)(after.Held - before.Held) / nodes;
            var workingSetPerNode = (double)(after.WorkingSet - before.WorkingSet) / nodes;
            var timers = after.Timers - before.Timers;
            BenchmarkOutput.Progress($"after: managed heap {Mib(after.Managed)} MiB, working set {Mib(after.WorkingSet)} MiB, {activations:N0} node activations, {timers:N0} more timers");
            BenchmarkOutput.Progress($"per idle node: {bytesPerNode / 1024:F1} KiB held ({PerNode(after.Held - afterCertificates.Held, nodes)} KiB grain and core, {PerNode(afterCertificates.Managed - before.Managed, nodes)} KiB certificate), {workingSetPerNode / 1024:F1} KiB working set; {(double)timers / nodes:F2} timers per node; idle CPU {idleCpu:P1} of one core");

            if (holdSeconds > 0)
            {
                BenchmarkOutput.Progress($"holding {holdSeconds} s: process id {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(holdSeconds));
            }

            result = new MemoryResult
            {
                Nodes = nodes,
                SubnetSize = subnetSize,
                Protocol = protocol.WireName(),
                BytesPerNode = BenchmarkOutput.Round(bytesPerNode),
                GrainBytesPerNode = BenchmarkOutput.Round((double)(after.Held - afterCertificates.Held) / nodes),
                CertificateBytesPerNode = BenchmarkOutput.Round((double)(afterCertificates.Managed - before.Managed) / nodes),
                WorkingSetBytesPerNode = BenchmarkOutput.Round(workingSetPerNode),
                CertificateWorkingSetBytesPerNode = BenchmarkOutput.Round((double)(afterCertificates.WorkingSet - before.WorkingSet) / nodes),
                ManagedBytesBefore = before.Managed,
                ManagedBytesAfter = after.Managed,
                WorkingSetBytesBefore = before.WorkingSet,
                WorkingSetBytesAfter = after.WorkingSet,
                NodeActivations = activations,
                TimersArmed = timers,
                TimersPerNode = BenchmarkOutput.Round((double)timers / nodes, 3),
                CertificateSeconds = BenchmarkOutput.Round(certificateSeconds, 2),
                ConfigureSeconds = BenchmarkOutput.Round(configureSeconds, 2),
                IdleCpuShareOfOneCore = BenchmarkOutput.Round(idleCpu, 4),
                IdleSeconds = idleSeconds,
                WithinTarget = bytesPerNode <= TargetBytesPerNode,
                Machine = MachineInfo.Current(),
            };
        }
        finally
        {
            BenchmarkOutput.Progress($"stopping the silo");
            await silo.DisposeAsync();
        }

        BenchmarkOutput.Result(result with { TotalWallSeconds = BenchmarkOutput.Round(total.Elapsed.TotalSeconds) });
        return 0;
    }

    /// <summary>
    /// Does what a run's start does for its nodes, without the run's workload: registers the subnets in the run's
    /// registry, configures every node on one clock, a chunk of nodes at a time (so that no single call has to outlast
    /// Orleans' response timeout, however many nodes there are), and takes each subnet through its first window, in
    /// which its nodes start and take their peers.
    /// </summary>
    private static async Task ConfigureIdleRunAsync(EmbeddedSilo silo, string runId, int nodes, int subnetSize, GossipProtocol protocol, bool quiet)
    {
        var scenario = BenchmarkScenarios.Idle(runId, nodes, subnetSize, 3600) with { Protocol = protocol.WireName() };
        var plans = scenario.Subnets.Select(SubnetPlan.From).ToList();
        var registry = silo.Grains.GetGrain<IRegistryGrain>(runId);
        await registry.CreateSubnetsAsync(plans.Select(NodeConfigurator.SubnetFor).ToList());

        var clock = new RunClock(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), scenario.TimeScale);
        var gossip = (scenario.Gossip ?? GossipSettings.Default) with { Priorities = scenario.Priorities };
        var tick = silo.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value.DeliveryTick;
        var configurator = new NodeConfigurator(runId, scenario, protocol, gossip, clock, tick);
        var all = plans.SelectMany(plan => plan.Nodes.Select((node, i) => (Node: node, Configuration: configurator.For(plan, i)))).ToList();
        var progress = Stopwatch.StartNew();
        for (var first = 0; first < all.Count; first += ConfigureChunk)
        {
            await Task.WhenAll(all.Skip(first).Take(ConfigureChunk)
                .Select(n => silo.Grains.GetNode(runId, n.Node).ConfigureAsync(n.Configuration)));
            if (!quiet && progress.Elapsed >= TimeSpan.FromSeconds(2))
            {
                BenchmarkOutput.Progress($"  configured {Math.Min(first + ConfigureChunk, all.Count):N0} of {all.Count:N0} nodes");
                progress.Restart();
            }
        }

        var engine = silo.Services.GetRequiredService<SiloEngine>();
        for (var first = 0; first < all.Count; first += ConfigureChunk)
        {
            await Task.WhenAll(all.Skip(first).Take(ConfigureChunk)
                .Select(n => silo.Grains.GetNode(runId, n.Node).ScheduleAsync([new StartNode()])));
        }

        foreach (var plan in plans)
        {
            await engine.RunWindowAsync(runId, plan.Id, 0, configurator.WindowTicks(plan));
        }
    }

    private static async Task<long> NodeActivationsAsync(EmbeddedSilo silo)
    {
        var statistics = await silo.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(NodeGrain), StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    private static string PerNode(long bytes, int nodes) => (bytes / 1024.0 / nodes).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
