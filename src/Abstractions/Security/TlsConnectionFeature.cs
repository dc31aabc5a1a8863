using System.Net.Security;
using System.Security.Authentication;

namespace OrleansGossip.Abstractions.Security;

/// <summary>Set on a connection's features once its TLS handshake has admitted the peer: who the peer is and what was negotiated.</summary>
public sealed record TlsConnectionFeature(
    TlsEndpoint Endpoint,
    PeerIdentity Peer,
    SslProtocols Protocol,
    TlsCipherSuite CipherSuite);
