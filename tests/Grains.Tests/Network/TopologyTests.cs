using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

public sealed class TopologyTests
{
    private static readonly SubnetId Subnet = new("app");

    [Theory]
    [InlineData(2)]
    [InlineData(13)]
    public void A_full_mesh_links_every_member_to_every_other(int n)
    {
        var topology = Topology.Build(null, 1, Subnet, Members(n));

        Assert.All(Members(n), m => Assert.Equal(n - 1, topology.DegreeOf(m)));
        Assert.Equal((long)n * (n - 1) / 2, topology.EdgeCount);
        Assert.True(topology.IsConnected());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(40)]
    public void A_ring_links_each_member_to_the_one_before_and_after_it(int n)
    {
        var members = Members(n);
        var topology = Topology.Build(Settings(TopologySettings.Ring), 1, Subnet, members);

        Assert.True(topology.IsConnected());
        AssertSymmetric(topology);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(Math.Min(2, n - 1), topology.DegreeOf(members[i]));
            Assert.True(topology.AreLinked(members[i], members[(i + 1) % n]));
        }
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(13, 4)]
    [InlineData(40, 3)]
    [InlineData(40, 6)]
    [InlineData(101, 10)]
    [InlineData(8, 5)]
    public void A_random_regular_graph_gives_every_member_the_degree_and_is_connected(int n, int degree)
    {
        var members = Members(n);
        var topology = Topology.Build(Settings(TopologySettings.RandomRegular, degree), 42, Subnet, members);

        Assert.All(members, m => Assert.Equal(degree, topology.DegreeOf(m)));
        Assert.Equal((long)n * degree / 2, topology.EdgeCount);
        Assert.True(topology.IsConnected());
        AssertSymmetric(topology);
    }

    [Fact]
    public void A_random_regular_graph_with_an_odd_degree_sum_leaves_one_member_a_peer_short()
    {
        // After a removal, 3 x 13 is odd: no 3-regular graph exists, so one node has 2 peers.
        var members = Members(13);
        var topology = Topology.Build(Settings(TopologySettings.RandomRegular, 3), 42, Subnet, members);

        var degrees = members.Select(topology.DegreeOf).ToList();
        Assert.Equal(12, degrees.Count(d => d == 3));
        Assert.Equal(1, degrees.Count(d => d == 2));
        Assert.True(topology.IsConnected());
    }

    [Fact]
    public void A_random_regular_graph_is_random_but_the_same_for_the_same_seed_subnet_and_members()
    {
        var members = Members(40);
        var settings = Settings(TopologySettings.RandomRegular, 4);

        var first = Edges(Topology.Build(settings, 7, Subnet, members));
        var again = Edges(Topology.Build(settings, 7, Subnet, members));
        var otherSeed = Edges(Topology.Build(settings, 8, Subnet, members));
        var otherSubnet = Edges(Topology.Build(settings, 7, new SubnetId("nns"), members));
        var circulant = Enumerable.Range(0, 40).SelectMany(i => new[] { Edge(i, (i + 1) % 40), Edge(i, (i + 2) % 40) }).ToHashSet();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, otherSubnet);
        Assert.True(first.Except(circulant).Count() > 40, "the edge switches barely moved the circulant graph");
    }

    [Fact]
    public void The_cached_graph_is_the_one_built_from_the_same_inputs()
    {
        var members = Members(30);
        var settings = Settings(TopologySettings.SmallWorld, 4, 0.3);

        Assert.Same(Topology.For(settings, 3, Subnet, members), Topology.For(settings, 3, Subnet, members.ToList()));
        Assert.Equal(Edges(Topology.Build(settings, 3, Subnet, members)), Edges(Topology.For(settings, 3, Subnet, members)));
    }

    [Fact]
    public void A_small_world_without_rewiring_is_the_ring_lattice()
    {
        var members = Members(20);
        var topology = Topology.Build(Settings(TopologySettings.SmallWorld, 4, 0), 1, Subnet, members);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(4, topology.DegreeOf(members[i]));
            Assert.True(topology.AreLinked(members[i], members[(i + 1) % 20]));
            Assert.True(topology.AreLinked(members[i], members[(i + 2) % 20]));
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_small_world_keeps_its_mean_degree_and_every_member_keeps_half_its_neighbours(double rewire)
    {
        const int n = 100;
        const int degree = 6;
        var members = Members(n);
        var topology = Topology.Build(Settings(TopologySettings.SmallWorld, degree, rewire), 5, Subnet, members);
        var lattice = Edges(Topology.Build(Settings(TopologySettings.SmallWorld, degree, 0), 5, Subnet, members));
        var rewired = lattice.Except(Edges(topology)).Count();

        // Rewiring moves edges and never drops one; mending pieces may add a few.
        Assert.InRange(topology.EdgeCount, n * degree / 2, (n * degree / 2) + 5);
        Assert.All(members, m => Assert.True(topology.DegreeOf(m) >= degree / 2));
        Assert.True(topology.IsConnected());
        AssertSymmetric(topology);
        Assert.InRange(rewired / (double)lattice.Count, rewire * 0.5, Math.Min(1, (rewire * 1.5) + 0.05));
        Assert.Equal(Edges(topology), Edges(Topology.Build(Settings(TopologySettings.SmallWorld, degree, rewire), 5, Subnet, members)));
    }

    [Theory]
    [InlineData(TopologySettings.RandomRegular)]
    [InlineData(TopologySettings.SmallWorld)]
    public void A_degree_too_high_for_the_members_left_makes_a_full_mesh(string name)
    {
        var topology = Topology.Build(Settings(name, 6), 1, Subnet, Members(5));

        Assert.All(Members(5), m => Assert.Equal(4, topology.DegreeOf(m)));
    }

    [Fact]
    public void A_node_that_is_not_a_member_has_no_neighbours()
    {
        var topology = Topology.Build(Settings(TopologySettings.Ring), 1, Subnet, Members(5));

        Assert.Empty(topology.NeighboursOf(new NodeId("stranger")));
        Assert.False(topology.Contains(new NodeId("stranger")));
    }

    private static TopologySettings Settings(string name, int? degree = null, double rewire = 0.1) =>
        new() { Name = name, Degree = degree, RewireProbability = rewire };

    private static List<NodeId> Members(int n) => Enumerable.Range(0, n).Select(i => new NodeId($"app-n{i}")).ToList();

    private static (int, int) Edge(int a, int b) => a < b ? (a, b) : (b, a);

    private static HashSet<(int, int)> Edges(Topology topology)
    {
        var index = topology.Members.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
        return topology.Members
            .SelectMany(m => topology.NeighboursOf(m).Select(n => Edge(index[m], index[n])))
            .ToHashSet();
    }

    private static void AssertSymmetric(Topology topology)
    {
        foreach (var member in topology.Members)
        {
            foreach (var neighbour in topology.NeighboursOf(member))
            {
                Assert.Contains(member, topology.NeighboursOf(neighbour));
            }
        }
    }
}
