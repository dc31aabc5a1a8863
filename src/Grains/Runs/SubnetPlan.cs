using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// A scenario's subnet made concrete: its node ids, each node's behaviour, the behaviour's parameters
/// (<see cref="Assignments"/>, null for honest nodes) and its region (<see cref="Regions"/>: nodes fill the
/// scenario's regions in order). Nodes added while the run goes on are appended, honest, in the regions in turn.
/// </summary>
public sealed record SubnetPlan(SubnetId Id, SubnetSpec Spec, IReadOnlyList<NodeId> Nodes, IReadOnlyList<NodeBehaviour> Behaviours)
{
    /// <summary>The region of nodes in a subnet without regions.</summary>
    public const string DefaultRegion = "default";

    public IReadOnlyList<string> Regions { get; init; } = [];

    public IReadOnlyList<BehaviourSpec?> Assignments { get; init; } = [];

    public IEnumerable<NodeId> HonestNodes => Nodes.Where((_, i) => Behaviours[i] == NodeBehaviour.Honest);

    /// <summary>What separates a node's subnet from its index in its name.</summary>
    public const string NodeIndexSeparator = "-n";

    public static string NodeName(string subnet, int index) => $"{subnet}{NodeIndexSeparator}{index}";

    public string RegionOf(int index) => index < Regions.Count ? Regions[index] : DefaultRegion;

    public BehaviourSpec? AssignmentOf(int index) => index < Assignments.Count ? Assignments[index] : null;

    public int IndexOf(NodeId node)
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i] == node)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Names a subnet's nodes, gives them the behaviours the scenario asks for and places them in its regions.</summary>
    public static SubnetPlan From(SubnetSpec spec)
    {
        var nodes = Enumerable.Range(0, spec.Nodes).Select(i => new NodeId(NodeName(spec.Id, i))).ToList();
        var behaviours = Enumerable.Repeat(NodeBehaviour.Honest, spec.Nodes).ToArray();
        var assignments = new BehaviourSpec?[spec.Nodes];
        var next = spec.Nodes - 1;
        foreach (var assignment in spec.Behaviours ?? [])
        {
            NodeBehaviours.TryParse(assignment.Behaviour, out var behaviour);
            if (assignment.Nodes is { } indices)
            {
                foreach (var index in indices)
                {
                    behaviours[index] = behaviour;
                    assignments[index] = assignment;
                }

                continue;
            }

            for (var taken = 0; taken < (assignment.Count ?? 0) && next >= 0; next--)
            {
                if (behaviours[next] == NodeBehaviour.Honest)
                {
                    behaviours[next] = behaviour;
                    assignments[next] = assignment;
                    taken++;
                }
            }
        }

        var regions = new List<string>(spec.Nodes);
        foreach (var region in spec.Regions ?? [])
        {
            regions.AddRange(Enumerable.Repeat(region.Name, Math.Max(0, region.Nodes)));
        }

        while (regions.Count < spec.Nodes)
        {
            regions.Add(DefaultRegion);
        }

        return new SubnetPlan(new SubnetId(spec.Id), spec, nodes, behaviours)
        {
            Regions = regions.Take(spec.Nodes).ToList(),
            Assignments = assignments,
        };
    }

    /// <summary>The plan with one more node, honest, named after its index and placed in the next region in turn.</summary>
    public SubnetPlan WithAddedNode()
    {
        var index = Nodes.Count;
        var region = Spec.Regions is { Count: > 0 } regions ? regions[(index - Spec.Nodes) % regions.Count].Name : DefaultRegion;
        return this with
        {
            Nodes = [.. Nodes, new NodeId(NodeName(Spec.Id, index))],
            Behaviours = [.. Behaviours, NodeBehaviour.Honest],
            Regions = [.. Enumerable.Range(0, index).Select(RegionOf), region],
            Assignments = [.. Enumerable.Range(0, index).Select(AssignmentOf), null],
        };
    }

    /// <summary>
    /// The base latency from <paramref name="region"/> to each of the subnet's regions, read from the scenario's
    /// matrix in whichever direction it gives; null when the subnet has no regions.
    /// </summary>
    public IReadOnlyDictionary<string, double>? LatencyRowFrom(string region)
    {
        if (Spec.Regions is not { Count: > 0 } regions || Spec.RegionLatencyMs is not { } matrix)
        {
            return null;
        }

        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var to in regions.Select(r => r.Name))
        {
            if (matrix.TryGetValue(region, out var forward) && forward.TryGetValue(to, out var ms))
            {
                row[to] = ms;
            }
            else if (matrix.TryGetValue(to, out var backward) && backward.TryGetValue(region, out var reverse))
            {
                row[to] = reverse;
            }
        }

        return row;
    }
}
