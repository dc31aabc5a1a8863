using System.Text;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Network;

/// <summary>
/// The graph of a subnet's members: who is whose peer. Every node of a subnet builds the same graph from the same
/// inputs (the scenario's seed, the subnet's id and the registry's member list, in the registry's order), so the
/// graph is undirected and no two nodes disagree on a link.
/// <list type="bullet">
/// <item><c>full-mesh</c>: every member is every other's peer (the IC's own).</item>
/// <item><c>ring</c>: each member has the one before and the one after it in the list.</item>
/// <item><c>random-regular</c>: every member has <see cref="TopologySettings.Degree"/> peers, drawn at random: a
/// circulant graph of that degree shuffled by degree-preserving edge switches, then joined into one piece by
/// further switches. When members times degree is odd one member has a peer fewer; degree 1 pairs members off, so
/// its graph is in pieces when there are more than two.</item>
/// <item><c>small-world</c> (Watts–Strogatz): a ring lattice where each member has <see cref="TopologySettings.Degree"/>
/// neighbours (half on each side), each lattice edge rewired to a random member with
/// <see cref="TopologySettings.RewireProbability"/>; a rewiring that left the graph in pieces is mended by one edge
/// from each piece to the piece of the first member.</item>
/// </list>
/// A degree that no longer fits the members (after removals) makes the graph a full mesh.
/// </summary>
public sealed class Topology
{
    private const int MaxCached = 256;
    private const int SwitchesPerEdge = 10;
    private static readonly Dictionary<Hash128, Topology> Cache = [];
    private static readonly Lock CacheGate = new();

    private readonly NodeId[] _members;
    private readonly Dictionary<NodeId, int> _index;
    private readonly HashSet<int>[]? _adjacency;

    private Topology(string name, NodeId[] members, HashSet<int>[]? adjacency)
    {
        Name = name;
        _members = members;
        _index = new Dictionary<NodeId, int>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            _index.TryAdd(members[i], i);
        }

        _adjacency = adjacency;
    }

    public string Name { get; }

    public IReadOnlyList<NodeId> Members => _members;

    /// <summary>The number of undirected links.</summary>
    public long EdgeCount => _adjacency is null
        ? (long)_members.Length * (_members.Length - 1) / 2
        : _adjacency.Sum(a => (long)a.Count) / 2;

    /// <summary>
    /// The graph for <paramref name="members"/>, shared with other nodes of this silo that ask for the same one (a
    /// random graph of a large subnet is worth building once).
    /// </summary>
    public static Topology For(TopologySettings? settings, ulong seed, SubnetId subnet, IReadOnlyList<NodeId> members)
    {
        settings ??= TopologySettings.Default;
        if (settings.Name == TopologySettings.FullMesh)
        {
            return Build(settings, seed, subnet, members);
        }

        var key = KeyOf(settings, seed, subnet, members);
        lock (CacheGate)
        {
            if (Cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        var built = Build(settings, seed, subnet, members);
        lock (CacheGate)
        {
            if (Cache.Count >= MaxCached)
            {
                Cache.Clear();
            }

            Cache[key] = built;
        }

        return built;
    }

    /// <summary>Builds the graph of <paramref name="members"/> as <paramref name="settings"/> says; deterministic in its inputs.</summary>
    public static Topology Build(TopologySettings? settings, ulong seed, SubnetId subnet, IReadOnlyList<NodeId> members)
    {
        settings ??= TopologySettings.Default;
        var nodes = members.Distinct().ToArray();
        var n = nodes.Length;
        Random Draws() => new(SeedOf(KeyOf(settings, seed, subnet, nodes)));
        var adjacency = settings.Name switch
        {
            TopologySettings.FullMesh => null,
            TopologySettings.Ring => Ring(n),
            TopologySettings.RandomRegular => RandomRegular(n, settings.Degree ?? 0, Draws()),
            TopologySettings.SmallWorld => SmallWorld(n, settings.Degree ?? 0, settings.RewireProbability, Draws()),
            _ => throw new ArgumentException($"unknown topology '{settings.Name}'", nameof(settings)),
        };
        return new Topology(settings.Name, nodes, adjacency);
    }

    public bool Contains(NodeId node) => _index.ContainsKey(node);

    /// <summary>The peers of <paramref name="node"/>, in member order; none when it is not a member.</summary>
    public IReadOnlyList<NodeId> NeighboursOf(NodeId node)
    {
        if (!_index.TryGetValue(node, out var i))
        {
            return [];
        }

        if (_adjacency is null)
        {
            return _members.Where((_, j) => j != i).ToList();
        }

        return _adjacency[i].Order().Select(j => _members[j]).ToList();
    }

    public int DegreeOf(NodeId node) =>
        !_index.TryGetValue(node, out var i) ? 0 : _adjacency is null ? _members.Length - 1 : _adjacency[i].Count;

    public bool AreLinked(NodeId a, NodeId b) =>
        _index.TryGetValue(a, out var i) && _index.TryGetValue(b, out var j) && i != j &&
        (_adjacency is null || _adjacency[i].Contains(j));

    /// <summary>True when every member can reach every other through the graph.</summary>
    public bool IsConnected() => _adjacency is null || Components(_adjacency).Count <= 1;

    private static HashSet<int>[] Empty(int n)
    {
        var adjacency = new HashSet<int>[n];
        for (var i = 0; i < n; i++)
        {
            adjacency[i] = [];
        }

        return adjacency;
    }

    private static HashSet<int>[]? FullMeshIfDegreeTooHigh(int n, int degree) => degree >= n - 1 ? null : Empty(n);

    private static HashSet<int>[] Ring(int n)
    {
        var adjacency = Empty(n);
        for (var i = 0; i < n && n > 1; i++)
        {
            Link(adjacency, i, (i + 1) % n);
        }

        return adjacency;
    }

    private static HashSet<int>[]? RandomRegular(int n, int degree, Random random)
    {
        if (FullMeshIfDegreeTooHigh(n, degree) is not { } adjacency)
        {
            return null;
        }

        // A circulant graph of the degree: each node linked to the next degree/2 on the ring, and for an odd degree
        // to the node opposite (with an odd number of nodes, the last one goes without).
        var edges = new List<(int A, int B)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = 1; j <= degree / 2; j++)
            {
                AddEdge(adjacency, edges, i, (i + j) % n);
            }
        }

        if (degree % 2 == 1)
        {
            var opposite = n / 2;
            var pairs = n % 2 == 0 ? n / 2 : (n - 1) / 2;
            for (var i = 0; i < pairs; i++)
            {
                AddEdge(adjacency, edges, i, i + (n % 2 == 0 ? opposite : pairs));
            }
        }

        // Degree-preserving switches: (a, b), (c, d) become (a, c), (b, d).
        for (var s = 0; s < SwitchesPerEdge * edges.Count && edges.Count >= 2; s++)
        {
            var first = random.Next(edges.Count);
            var second = random.Next(edges.Count);
            var flip = random.Next(2) == 1;
            if (first != second)
            {
                TrySwitch(adjacency, edges, first, second, flip);
            }
        }

        if (degree >= 2)
        {
            JoinBySwitches(adjacency, edges, random);
        }

        return adjacency;
    }

    private static HashSet<int>[]? SmallWorld(int n, int degree, double rewireProbability, Random random)
    {
        if (FullMeshIfDegreeTooHigh(n, degree) is not { } adjacency)
        {
            return null;
        }

        var half = Math.Max(1, degree / 2);
        for (var i = 0; i < n; i++)
        {
            for (var j = 1; j <= half; j++)
            {
                Link(adjacency, i, (i + j) % n);
            }
        }

        for (var j = 1; j <= half; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var neighbour = (i + j) % n;
                if (random.NextDouble() >= rewireProbability || !adjacency[i].Contains(neighbour))
                {
                    continue;
                }

                var free = n - 1 - adjacency[i].Count;
                if (free <= 0)
                {
                    continue;
                }

                // The pick-th node that is neither i nor one of its neighbours.
                var pick = random.Next(free);
                var target = -1;
                for (var u = 0; u < n; u++)
                {
                    if (u != i && !adjacency[i].Contains(u) && pick-- == 0)
                    {
                        target = u;
                        break;
                    }
                }

                adjacency[i].Remove(neighbour);
                adjacency[neighbour].Remove(i);
                Link(adjacency, i, target);
            }
        }

        var components = Components(adjacency);
        for (var c = 1; c < components.Count; c++)
        {
            var main = components[0];
            var piece = components[c];
            Link(adjacency, main[random.Next(main.Count)], piece[random.Next(piece.Count)]);
        }

        return adjacency;
    }

    /// <summary>
    /// Joins the pieces of a graph of degree 2 or more into one by switches between an edge of the first piece and an
    /// edge of another; a switch never adds pieces, and merges two unless both edges were bridges, so a few tries do.
    /// </summary>
    private static void JoinBySwitches(HashSet<int>[] adjacency, List<(int A, int B)> edges, Random random)
    {
        for (var attempt = 0; attempt < 100 * adjacency.Length; attempt++)
        {
            var components = Components(adjacency);
            if (components.Count <= 1)
            {
                return;
            }

            var pieceOf = new int[adjacency.Length];
            for (var c = 0; c < components.Count; c++)
            {
                foreach (var node in components[c])
                {
                    pieceOf[node] = c;
                }
            }

            var inFirst = new List<int>();
            var inSecond = new List<int>();
            for (var e = 0; e < edges.Count; e++)
            {
                var piece = pieceOf[edges[e].A];
                if (piece == 0)
                {
                    inFirst.Add(e);
                }
                else if (piece == 1)
                {
                    inSecond.Add(e);
                }
            }

            if (inFirst.Count == 0 || inSecond.Count == 0)
            {
                return;
            }

            TrySwitch(adjacency, edges, inFirst[random.Next(inFirst.Count)], inSecond[random.Next(inSecond.Count)], random.Next(2) == 1);
        }
    }

    private static bool TrySwitch(HashSet<int>[] adjacency, List<(int A, int B)> edges, int first, int second, bool flip)
    {
        var (a, b) = edges[first];
        var (c, d) = edges[second];
        if (flip)
        {
            (c, d) = (d, c);
        }

        if (a == c || a == d || b == c || b == d || adjacency[a].Contains(c) || adjacency[b].Contains(d))
        {
            return false;
        }

        adjacency[a].Remove(b);
        adjacency[b].Remove(a);
        adjacency[c].Remove(d);
        adjacency[d].Remove(c);
        Link(adjacency, a, c);
        Link(adjacency, b, d);
        edges[first] = (a, c);
        edges[second] = (b, d);
        return true;
    }

    private static void AddEdge(HashSet<int>[] adjacency, List<(int A, int B)> edges, int a, int b)
    {
        if (a != b && adjacency[a].Add(b))
        {
            adjacency[b].Add(a);
            edges.Add((a, b));
        }
    }

    private static void Link(HashSet<int>[] adjacency, int a, int b)
    {
        if (a != b)
        {
            adjacency[a].Add(b);
            adjacency[b].Add(a);
        }
    }

    /// <summary>The connected pieces, each as its nodes in ascending order, ordered by their first node.</summary>
    private static List<List<int>> Components(HashSet<int>[] adjacency)
    {
        var seen = new bool[adjacency.Length];
        var components = new List<List<int>>();
        var stack = new Stack<int>();
        for (var start = 0; start < adjacency.Length; start++)
        {
            if (seen[start])
            {
                continue;
            }

            var component = new List<int>();
            seen[start] = true;
            stack.Push(start);
            while (stack.TryPop(out var node))
            {
                component.Add(node);
                foreach (var next in adjacency[node])
                {
                    if (!seen[next])
                    {
                        seen[next] = true;
                        stack.Push(next);
                    }
                }
            }

            component.Sort();
            components.Add(component);
        }

        return components;
    }

    private static Hash128 KeyOf(TopologySettings settings, ulong seed, SubnetId subnet, IReadOnlyList<NodeId> members)
    {
        var text = new StringBuilder();
        text.Append(settings.Name).Append('|').Append(settings.Degree).Append('|')
            .Append(settings.RewireProbability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('|')
            .Append(seed).Append('|').Append(subnet.Value);
        foreach (var member in members)
        {
            text.Append('|').Append(member.Value);
        }

        return Hash128.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static int SeedOf(Hash128 key) => (int)(key.High & int.MaxValue);
}
