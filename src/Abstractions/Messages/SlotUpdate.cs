using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// Abortable Broadcast: the sender's slot <see cref="Slot"/> of a channel now holds <see cref="Advert"/>'s artifact,
/// as of the sender's <see cref="CommitId"/> on connection <see cref="ConnectionId"/>. Small or latency-sensitive
/// artifacts come whole (<see cref="Artifact"/>); others by id, to be fetched.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SlotUpdate(long ConnectionId, long CommitId, int Slot, Advert Advert, Artifact? Artifact) : GossipMessage
{
    public override int WireSize => HeaderSize + 8 + 8 + 4 + Advert.WireSize + (Artifact?.Body.Size ?? 0);

    public override Priority Priority => Artifact is null ? Priority.FetchNow : Priority.Fetch;
}
