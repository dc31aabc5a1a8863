namespace OrleansGossip.Abstractions.Security;

/// <summary>The four kinds of Orleans connection TLS protects, each with its side of the handshake and the peer it admits.</summary>
public enum TlsEndpoint
{
    /// <summary>A silo accepting a connection from another silo.</summary>
    SiloInbound,

    /// <summary>A silo connecting to another silo.</summary>
    SiloOutbound,

    /// <summary>A silo's gateway accepting a connection from a client.</summary>
    GatewayInbound,

    /// <summary>A client connecting to a silo's gateway.</summary>
    ClientOutbound,
}
