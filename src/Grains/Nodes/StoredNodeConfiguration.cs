using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Nodes;

/// <summary>
/// What a node keeps in grain storage (<see cref="Hosting.EmulatorStorage.Nodes"/>): its configuration for its run,
/// written once when it joins, so that a node whose silo stopped can resume on another silo while the run goes on.
/// </summary>
[GenerateSerializer]
public sealed class StoredNodeConfiguration
{
    [Id(0)] public NodeConfiguration? Configuration { get; set; }
}
