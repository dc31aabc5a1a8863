namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// A subnet of a run as the run has it now: its topology and its nodes (those added while it runs included) in
/// index order, with each node's behaviour's wire name, and the nodes that are down (crashed, or removed from the
/// registry).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunSubnet(string Id, string Topology, IReadOnlyList<string> Nodes, IReadOnlyList<string> Behaviours, IReadOnlyList<string> Down);
