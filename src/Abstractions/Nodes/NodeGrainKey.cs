using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Nodes;

/// <summary>A node grain is keyed by its registry's id and its node id, so that runs never share a node.</summary>
public static class NodeGrainKey
{
    public static string Format(string registryId, NodeId node) => $"{registryId}/{node.Value}";

    /// <summary>The registry and node of a node grain's key (<see cref="Format"/>); false for a key of another shape.</summary>
    public static bool TryParse(string key, out string registryId, out NodeId node)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        registryId = slash > 0 ? key[..slash] : "";
        node = new NodeId(slash > 0 ? key[(slash + 1)..] : "");
        return slash > 0 && slash < key.Length - 1;
    }

    public static INodeGrain GetNode(this IGrainFactory grains, string registryId, NodeId node) =>
        grains.GetGrain<INodeGrain>(Format(registryId, node));
}
