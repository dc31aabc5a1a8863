namespace OrleansGossip.Abstractions.Nodes;

/// <summary>The dissemination protocol a run uses.</summary>
[GenerateSerializer]
public enum GossipProtocol : byte
{
    /// <summary>The IC's original gossip: adverts first, bodies on request.</summary>
    AdvertGossip,

    /// <summary>The naive baseline: every node sends every body to every peer.</summary>
    Flooding,

    /// <summary>Today's IC: slot tables per channel, pushed small artifacts, abortable transmissions.</summary>
    AbortableBroadcast,
}
