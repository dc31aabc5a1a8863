namespace OrleansGossip.Abstractions.Registry;

/// <summary>A subnet to create and its first members.</summary>
[GenerateSerializer, Immutable]
public sealed record NewSubnet([property: Id(0)] SubnetId Id, [property: Id(1)] IReadOnlyList<NodeRecord> Nodes);
