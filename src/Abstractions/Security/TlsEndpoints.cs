namespace OrleansGossip.Abstractions.Security;

/// <summary>What each <see cref="TlsEndpoint"/> means for the handshake.</summary>
public static class TlsEndpoints
{
    /// <summary>True when this side of the connection is the TLS server.</summary>
    public static bool IsServer(this TlsEndpoint endpoint) => endpoint is TlsEndpoint.SiloInbound or TlsEndpoint.GatewayInbound;

    /// <summary>The role the peer on the other side must prove.</summary>
    public static PeerRole PeerRole(this TlsEndpoint endpoint) => endpoint == TlsEndpoint.GatewayInbound ? Security.PeerRole.Client : Security.PeerRole.Silo;

    public static string WireName(this TlsEndpoint endpoint) => endpoint switch
    {
        TlsEndpoint.SiloInbound => "silo-inbound",
        TlsEndpoint.SiloOutbound => "silo-outbound",
        TlsEndpoint.GatewayInbound => "gateway-inbound",
        TlsEndpoint.ClientOutbound => "client-outbound",
        _ => endpoint.ToString(),
    };
}
