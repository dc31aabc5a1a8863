using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>A node grain is keyed by its registry's id and its node id, so that runs never share a node.</summary>
public static class NodeGrainKey
{
    public static string Format(string registryId, NodeId node) => $"{registryId}/{node.Value}";

    public static INodeGrain GetNode(this IGrainFactory grains, string registryId, NodeId node) =>
        grains.GetGrain<INodeGrain>(Format(registryId, node));
}
