namespace OrleansGossip.Grains.Protocol;

/// <summary>The propagation events a node records.</summary>
public enum GossipEvent
{
    Created,
    AdvertSent,
    AdvertReceived,
    FetchStarted,
    FetchFailed,
    FetchDone,
    Delivered,
    Dropped,
    Rejected,
    BodyReceived,
}
