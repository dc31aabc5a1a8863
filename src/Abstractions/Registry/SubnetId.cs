namespace OrleansGossip.Abstractions.Registry;

/// <summary>A subnet's id, unique within a registry.</summary>
[GenerateSerializer, Immutable]
public readonly record struct SubnetId(string Value)
{
    public override string ToString() => Value;
}
