using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Placement;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Placement;

public sealed class NodePlacementDirectorTests
{
    private static readonly SiloAddress[] Silos = Enumerable.Range(0, 4).Select(Silo).ToArray();

    [Theory]
    [InlineData("run-1/app-n3", "run-1/app")]
    [InlineData("run-1/ic-app-n12", "run-1/ic-app")]
    [InlineData("run-1/a-n1-n0", "run-1/a-n1")]
    [InlineData("run-1/odd", "run-1/odd")]
    [InlineData("run-1/app-n", "run-1/app-n")]
    [InlineData("run-1/app-nx", "run-1/app-nx")]
    public void A_node_key_gives_its_run_and_subnet(string key, string subnet) =>
        Assert.Equal(subnet, NodePlacementDirector.SubnetKey(key));

    [Fact]
    public void By_subnet_every_node_of_a_subnet_goes_to_one_silo_whichever_order_the_silos_come_in()
    {
        var director = Director(NodePlacement.Subnet);
        for (var subnet = 0; subnet < 20; subnet++)
        {
            var chosen = Enumerable.Range(0, 13)
                .Select(i => Place(director, Key(subnet, i), i % 2 == 0 ? Silos : Silos.Reverse().ToArray()))
                .Distinct()
                .ToList();
            Assert.Single(chosen);
        }
    }

    [Fact]
    public void At_random_the_nodes_of_a_subnet_spread_over_the_silos()
    {
        var director = Director(NodePlacement.Random);

        var chosen = Enumerable.Range(0, 13).Select(i => Place(director, Key(0, i), Silos)).Distinct().Count();

        Assert.True(chosen > 1, "all 13 nodes went to one silo");
    }

    [Fact]
    public void Subnets_spread_evenly_and_a_silo_that_leaves_or_joins_moves_only_its_own_subnets()
    {
        var subnets = Enumerable.Range(0, 400).Select(s => NodePlacementDirector.SubnetKey(Key(s, 0))).ToList();
        var before = subnets.ToDictionary(s => s, s => NodePlacementDirector.SiloFor(s, Silos));

        // 400 subnets over 4 silos: 100 each on average; a fair hash stays well within 60 to 140.
        Assert.All(Silos, silo => Assert.InRange(before.Values.Count(v => v.Equals(silo)), 60, 140));

        var left = Silos[1];
        var remaining = Silos.Where(s => !s.Equals(left)).ToArray();
        foreach (var subnet in subnets)
        {
            var after = NodePlacementDirector.SiloFor(subnet, remaining);
            if (!before[subnet].Equals(left))
            {
                Assert.Equal(before[subnet], after);
            }
        }

        var joined = Silo(9);
        var grown = Silos.Append(joined).ToArray();
        var moved = subnets.Where(s => !NodePlacementDirector.SiloFor(s, grown).Equals(before[s])).ToList();
        Assert.All(moved, s => Assert.Equal(joined, NodePlacementDirector.SiloFor(s, grown)));
        Assert.InRange(moved.Count, 40, 120);
    }

    private static string Key(int subnet, int index) =>
        NodeGrainKey.Format("run-1", new NodeId(SubnetPlan.NodeName($"subnet{subnet}", index)));

    private static SiloAddress Silo(int index) => SiloAddress.New(IPAddress.Loopback, 11111 + index, 1);

    private static NodePlacementDirector Director(NodePlacement placement) =>
        new(Options.Create(new EmulatorOptions { NodePlacement = placement }));

    private static SiloAddress Place(NodePlacementDirector director, string key, SiloAddress[] silos)
    {
        var target = new PlacementTarget(GrainId.Create("node", key), [], default, 0);
        return director.OnAddActivation(EmulatedNodePlacement.Singleton, target, new FixedSilos(silos)).Result;
    }

    private sealed class FixedSilos(SiloAddress[] silos) : IPlacementContext
    {
        public SiloAddress LocalSilo => silos[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = silos };
    }
}
