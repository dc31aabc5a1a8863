using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>A scenario's subnet made concrete: its node ids and each node's behaviour.</summary>
public sealed record SubnetPlan(SubnetId Id, SubnetSpec Spec, IReadOnlyList<NodeId> Nodes, IReadOnlyList<NodeBehaviour> Behaviours)
{
    public IEnumerable<NodeId> HonestNodes => Nodes.Where((_, i) => Behaviours[i] == NodeBehaviour.Honest);

    public static string NodeName(string subnet, int index) => $"{subnet}-n{index}";

    /// <summary>Names a subnet's nodes and gives them the behaviours the scenario asks for.</summary>
    public static SubnetPlan From(SubnetSpec spec)
    {
        var nodes = Enumerable.Range(0, spec.Nodes).Select(i => new NodeId(NodeName(spec.Id, i))).ToList();
        var behaviours = Enumerable.Repeat(NodeBehaviour.Honest, spec.Nodes).ToArray();
        var next = spec.Nodes - 1;
        foreach (var assignment in spec.Behaviours ?? [])
        {
            NodeBehaviours.TryParse(assignment.Behaviour, out var behaviour);
            if (assignment.Nodes is { } indices)
            {
                foreach (var index in indices)
                {
                    behaviours[index] = behaviour;
                }

                continue;
            }

            for (var taken = 0; taken < (assignment.Count ?? 0) && next >= 0; next--)
            {
                if (behaviours[next] == NodeBehaviour.Honest)
                {
                    behaviours[next] = behaviour;
                    taken++;
                }
            }
        }

        return new SubnetPlan(new SubnetId(spec.Id), spec, nodes, behaviours);
    }
}
