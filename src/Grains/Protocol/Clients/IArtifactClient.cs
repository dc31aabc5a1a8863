using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Clients;

/// <summary>
/// A P2P client on top of a node's pool, as consensus is on the IC: it hears of every artifact that enters the
/// validated pool, makes artifacts of its own through the node, has deadlines of its own, and tells the priority
/// function which adverts are stale.
/// </summary>
public interface IArtifactClient
{
    void OnArtifact(Artifact artifact);

    void Tick();

    double? NextDeadlineMs { get; }

    /// <summary>True when an advert is for something this client no longer needs.</summary>
    bool IsStale(Advert advert);
}
