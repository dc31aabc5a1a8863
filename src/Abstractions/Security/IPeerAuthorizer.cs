namespace OrleansGossip.Abstractions.Security;

/// <summary>
/// A further check on a peer whose certificate is trusted and valid for its role: a silo consults the registry's
/// silo allow-list here. Called on every handshake, so it must answer from memory.
/// </summary>
public interface IPeerAuthorizer
{
    /// <summary>Null to admit the peer, which connects in <paramref name="role"/>; otherwise why it is refused.</summary>
    string? Refuse(PeerIdentity peer, PeerRole role);

    /// <summary>Raised when the answer may have changed for connected peers (a silo was revoked); open connections are checked again.</summary>
    event Action? Changed;
}
