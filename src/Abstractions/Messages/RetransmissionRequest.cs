namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// Sent after a reconnect, and periodically, so that the peer adverts again what this node may have missed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RetransmissionRequest : GossipMessage
{
    public static RetransmissionRequest Instance { get; } = new();

    public override int WireSize => HeaderSize;

    public override Priority Priority => Priority.FetchNow;
}
