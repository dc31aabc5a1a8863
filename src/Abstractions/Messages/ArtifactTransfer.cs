using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Messages;

/// <summary>An artifact's body on its way to a peer, with the advert it is checked against.</summary>
[GenerateSerializer, Immutable]
public sealed record ArtifactTransfer(Artifact Artifact, Priority Class) : GossipMessage
{
    public override int WireSize => HeaderSize + Advert.WireSize + Artifact.Body.Size;

    public override Priority Priority => Class;
}
