using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Messages;

/// <summary>An advert sent to a peer: "I hold this artifact; ask me for it".</summary>
[GenerateSerializer, Immutable]
public sealed record AdvertMessage(Advert Advert) : GossipMessage
{
    public override int WireSize => HeaderSize + Advert.WireSize;

    public override Priority Priority => Priority.FetchNow;
}
