namespace OrleansGossip.Abstractions.Registry;

/// <summary>An emulated replica's id, unique within a registry.</summary>
[GenerateSerializer, Immutable]
public readonly record struct NodeId(string Value) : IComparable<NodeId>
{
    public int CompareTo(NodeId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
