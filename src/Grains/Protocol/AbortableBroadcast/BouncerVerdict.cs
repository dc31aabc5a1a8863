namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>What the bouncer says of an artifact a peer offers.</summary>
public enum BouncerVerdict
{
    Wants,
    MaybeWantsLater,
    Unwanted,
}
