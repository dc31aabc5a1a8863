namespace OrleansGossip.Abstractions.Security;

/// <summary>Why a peer was refused; <see cref="None"/> when it was admitted.</summary>
public enum PeerRefusal
{
    None,

    /// <summary>The peer presented no certificate.</summary>
    NoCertificate,

    /// <summary>The certificate's validity period has ended.</summary>
    Expired,

    /// <summary>The certificate's validity period has not begun.</summary>
    NotYetValid,

    /// <summary>Neither issued by the cluster CA nor pinned.</summary>
    Untrusted,

    /// <summary>Trusted, but not valid for the role the connection needs (a client certificate offered as a silo's).</summary>
    WrongRole,

    /// <summary>Trusted, but the registry's silo allow-list does not admit it.</summary>
    Revoked,

    /// <summary>
    /// This side admitted the peer, but the peer closed the connection before sending a byte: it did not admit this
    /// process's certificate (in TLS 1.3 the handshake can end on one side before the other side has judged it).
    /// </summary>
    RefusedByPeer,

    /// <summary>No TLS handshake completed: a plaintext peer, a protocol below TLS 1.3, a time-out or a broken connection.</summary>
    HandshakeFailed,
}
