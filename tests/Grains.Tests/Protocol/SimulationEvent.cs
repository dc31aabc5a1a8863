using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>One entry of a <see cref="SimulatedSubnet"/>'s event log: comparable by value, so two runs can be compared.</summary>
public readonly record struct SimulationEvent(
    double AtMs,
    SimulationEventKind Kind,
    NodeId From,
    NodeId To,
    string MessageType,
    ArtifactId? Artifact)
{
    public override string ToString() => $"{AtMs,10:F3} {Kind,-9} {From}->{To} {MessageType} {Artifact}";
}
