namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// How a subnet's nodes are connected, as its scenario says: <c>full-mesh</c> (the IC's own), <c>random-regular</c>
/// (<see cref="Degree"/> peers each), <c>ring</c> or <c>small-world</c> (a ring lattice of <see cref="Degree"/>
/// neighbours, each edge rewired with <see cref="RewireProbability"/>). A node's peers are its neighbours in this
/// graph among the subnet's registry members.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TopologySettings
{
    [Id(0)] public string Name { get; init; } = FullMesh;

    [Id(1)] public int? Degree { get; init; }

    [Id(2)] public double RewireProbability { get; init; } = 0.1;

    public const string FullMesh = "full-mesh";
    public const string RandomRegular = "random-regular";
    public const string Ring = "ring";
    public const string SmallWorld = "small-world";

    public static TopologySettings Default { get; } = new();
}
