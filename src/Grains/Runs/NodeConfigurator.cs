using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Engine;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Makes each node's registry record and run configuration from its subnet's plan: its region, its links (the
/// link model, and the regions' latencies from its own region), the subnet's topology and its behaviour's
/// parameters. Nodes configured at the start and nodes added later are configured alike. Every node's links are never
/// faster than its subnet's window (<see cref="Lookahead"/>), the same for the subnet's nodes from start to end.
/// </summary>
public sealed class NodeConfigurator(string runId, ScenarioSpec scenario, GossipProtocol protocol, GossipSettings gossip, RunClock clock, TimeSpan deliveryTick)
{
    private readonly Dictionary<SubnetId, long> _windows = [];

    /// <summary>The window of <paramref name="plan"/>'s subnet, in emulated ticks: fixed by its first nodes' links.</summary>
    public long WindowTicks(SubnetPlan plan)
    {
        if (!_windows.TryGetValue(plan.Id, out var window))
        {
            window = Lookahead.WindowTicks(Enumerable.Range(0, plan.Nodes.Count).Select(i => Links(plan, i)), deliveryTick);
            _windows[plan.Id] = window;
        }

        return window;
    }

    /// <summary>What the registry records of the node at <paramref name="index"/> of <paramref name="plan"/>.</summary>
    public static NodeRecord RecordFor(SubnetPlan plan, int index)
    {
        var node = plan.Nodes[index];
        return new NodeRecord(node, plan.Id, plan.RegionOf(index), Fingerprint(node));
    }

    /// <summary>The subnet of <paramref name="plan"/> as the registry creates it: its id and every node's record.</summary>
    public static NewSubnet SubnetFor(SubnetPlan plan) => new(plan.Id, plan.Nodes.Select((_, i) => RecordFor(plan, i)).ToList());

    /// <summary>The SHA-256 fingerprint of the node's self-signed certificate (subject CN = its node id), as the registry records it.</summary>
    public static string Fingerprint(NodeId node) => Nodes.NodeCertificates.FingerprintOf(node);

    public NodeConfiguration For(SubnetPlan plan, int index)
    {
        var spec = plan.Spec;
        var network = Links(plan, index) with { MinLatencyMs = WindowTicks(plan) / (double)TimeSpan.TicksPerMillisecond };
        var topology = new TopologySettings
        {
            Name = spec.Topology,
            Degree = spec.Degree,
            RewireProbability = spec.RewireProbability,
        };
        var assignment = plan.AssignmentOf(index);
        var behaviour = new BehaviourSettings
        {
            ServeFraction = assignment?.Fraction ?? 1,
            AdvertSpamPerSecond = assignment?.RatePerSecond ?? 0,
            AdvertSpamUntilMs = (scenario.DurationSeconds + scenario.DrainSeconds) * 1000,
        };
        return new NodeConfiguration(
            runId,
            runId,
            plan.Nodes[index],
            plan.Id,
            protocol,
            plan.Behaviours[index],
            network,
            plan.Spec.Topology == "full-mesh" ? gossip : gossip with { RelayReceived = true },
            clock,
            scenario.Seed,
            scenario.Workload?.Consensus,
            topology,
            behaviour,
            Ordinal: index);
    }

    private static NetworkSettings Links(SubnetPlan plan, int index)
    {
        var spec = plan.Spec;
        var link = spec.Link ?? new LinkSpec();
        LinkLatencyModels.TryParse(link.Model, out var model);
        return new NetworkSettings
        {
            UploadMbps = spec.BandwidthMbps,
            DownloadMbps = spec.BandwidthMbps,
            LatencyMs = link.LatencyMs,
            JitterMs = link.JitterMs,
            StdDevMs = link.StdDevMs,
            Model = model,
            Loss = link.Loss,
            RegionLatencyMs = plan.LatencyRowFrom(plan.RegionOf(index)),
        };
    }
}
