using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>A set of artifacts that only grows until its run ends (the ingress a node saw included in blocks), out of the young collections' way.</summary>
public sealed class ArtifactSet
{
    private readonly ArtifactMap<byte> _map = new();

    public int Count => _map.Count;

    public bool Contains(ArtifactId artifact) => _map.ContainsKey(artifact);

    /// <summary>Adds <paramref name="artifact"/>; returns whether the set did not hold it yet.</summary>
    public bool Add(ArtifactId artifact)
    {
        _map.GetValueRefOrAddDefault(artifact, out var existed);
        return !existed;
    }

    public void UnionWith(IReadOnlyList<ArtifactId> artifacts)
    {
        for (var i = 0; i < artifacts.Count; i++)
        {
            Add(artifacts[i]);
        }
    }
}
