using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Messages;

/// <summary>A request for an artifact's body, in the priority class the requester gave the advert.</summary>
[GenerateSerializer, Immutable]
public sealed record ArtifactRequest(ArtifactId Id, Priority Class) : GossipMessage
{
    public override int WireSize => HeaderSize + 16 + 1;

    public override Priority Priority => Class;
}
