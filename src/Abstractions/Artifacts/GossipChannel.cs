namespace OrleansGossip.Abstractions.Artifacts;

/// <summary>The P2P client an artifact belongs to; each client has a channel of its own.</summary>
[GenerateSerializer]
public enum GossipChannel : byte
{
    Consensus,
    Ingress,
    Certification,
    Dkg,
    IDkg,
    HttpsOutcalls,
}
