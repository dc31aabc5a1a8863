using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

public sealed class SubnetPlanTests
{
    private static readonly SubnetSpec Spec = new()
    {
        Id = "app",
        Nodes = 5,
        Regions = [new RegionSpec { Name = "eu", Nodes = 3 }, new RegionSpec { Name = "us", Nodes = 2 }],
        RegionLatencyMs = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["eu"] = new Dictionary<string, double> { ["eu"] = 5, ["us"] = 80 },
            ["us"] = new Dictionary<string, double> { ["us"] = 10 },
        },
        Behaviours = [new BehaviourSpec { Behaviour = "slow", Count = 1, Fraction = 0.25 }, new BehaviourSpec { Behaviour = "crash", Nodes = [1], AtSeconds = 2 }],
    };

    [Fact]
    public void Nodes_are_placed_in_the_regions_in_order_and_keep_their_behaviour_parameters()
    {
        var plan = SubnetPlan.From(Spec);

        Assert.Equal(["eu", "eu", "eu", "us", "us"], plan.Regions);
        Assert.Equal(NodeBehaviour.Slow, plan.Behaviours[4]);
        Assert.Equal(0.25, plan.AssignmentOf(4)!.Fraction);
        Assert.Equal(NodeBehaviour.Crash, plan.Behaviours[1]);
        Assert.Equal(2, plan.AssignmentOf(1)!.AtSeconds);
        Assert.Null(plan.AssignmentOf(0));
    }

    [Fact]
    public void The_latency_matrix_is_read_in_either_direction()
    {
        var plan = SubnetPlan.From(Spec);

        Assert.Equal(new Dictionary<string, double> { ["eu"] = 5, ["us"] = 80 }, plan.LatencyRowFrom("eu"));
        Assert.Equal(new Dictionary<string, double> { ["eu"] = 80, ["us"] = 10 }, plan.LatencyRowFrom("us"));
        Assert.Null(SubnetPlan.From(Spec with { Regions = null, RegionLatencyMs = null }).LatencyRowFrom(SubnetPlan.DefaultRegion));
    }

    [Fact]
    public void Added_nodes_are_honest_named_after_their_index_and_take_the_regions_in_turn()
    {
        var plan = SubnetPlan.From(Spec).WithAddedNode().WithAddedNode().WithAddedNode();

        Assert.Equal(["app-n5", "app-n6", "app-n7"], plan.Nodes.Skip(5).Select(n => n.Value));
        Assert.Equal(["eu", "us", "eu"], plan.Regions.Skip(5));
        Assert.All(plan.Behaviours.Skip(5), b => Assert.Equal(NodeBehaviour.Honest, b));
        Assert.Equal(NodeBehaviour.Slow, plan.Behaviours[4]);
        Assert.Equal(8, plan.Assignments.Count);
    }
}
