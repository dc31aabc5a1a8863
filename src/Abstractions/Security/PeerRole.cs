namespace OrleansGossip.Abstractions.Security;

/// <summary>What a peer on an Orleans connection must be: a silo of the cluster, or a client of it (Gateway, Dashboard).</summary>
public enum PeerRole
{
    /// <summary>A silo: its certificate is valid for both TLS server and client authentication (or names no usage).</summary>
    Silo,

    /// <summary>A client: its certificate is valid for TLS client authentication (or names no usage).</summary>
    Client,
}
