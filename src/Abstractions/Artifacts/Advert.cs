namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>
/// What a node tells its peers about an artifact it holds: the id, the attribute its priority is judged by
/// (a consensus height, an ingress expiry), the body's size and the hash the body must match.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Advert(ArtifactId Id, ArtifactKind Kind, long Attribute, int Size, Hash128 IntegrityHash)
{
    /// <summary>The bytes an advert takes on the wire: id, kind, attribute, size and hash.</summary>
    public const int WireSize = 16 + 1 + 8 + 4 + 16;

    public GossipChannel Channel => Kind.Channel();
}
