namespace OrleansGossip.Abstractions.Security;

/// <summary>Whether a peer's certificate admits it, and why not when it does not.</summary>
public readonly record struct PeerVerdict(PeerRefusal Refusal, string Reason, PeerIdentity? Peer)
{
    public bool Accepted => Refusal == PeerRefusal.None;

    public static PeerVerdict Accept(PeerIdentity peer) => new(PeerRefusal.None, "", peer);

    public static PeerVerdict Refuse(PeerRefusal refusal, string reason, PeerIdentity? peer = null) => new(refusal, reason, peer);
}
