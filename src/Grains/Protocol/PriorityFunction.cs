using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// Classifies adverts, as the IC's priority functions do, from a view of the pool taken when it was built:
/// what the pool holds is dropped; consensus artifacts below the finalized height are dropped, those within the
/// fetch window are fetched (the next height's proposal, beacon and notarization first) and further ones wait;
/// expired ingress is dropped.
/// </summary>
public sealed class PriorityFunction
{
    private readonly ArtifactPool _pool;
    private readonly long _finalizedHeight;
    private readonly long _fetchWindow;
    private readonly double _nowMs;

    private PriorityFunction(ArtifactPool pool, long finalizedHeight, long fetchWindow, double nowMs)
    {
        _pool = pool;
        _finalizedHeight = finalizedHeight;
        _fetchWindow = fetchWindow;
        _nowMs = nowMs;
    }

    public double BuiltAtMs => _nowMs;

    public static PriorityFunction Build(ArtifactPool pool, GossipSettings settings, double nowMs) =>
        new(pool, pool.FinalizedHeight, settings.ConsensusFetchWindow, nowMs);

    public Priority Classify(Advert advert)
    {
        if (_pool.Contains(advert))
        {
            return Priority.Drop;
        }

        return advert.Channel switch
        {
            GossipChannel.Consensus => ClassifyConsensus(advert),
            GossipChannel.Ingress => advert.Attribute < _nowMs ? Priority.Drop : Priority.Fetch,
            _ => Priority.Fetch,
        };
    }

    private Priority ClassifyConsensus(Advert advert)
    {
        var height = advert.Attribute;
        if (height < _finalizedHeight)
        {
            return Priority.Drop;
        }

        if (height > _finalizedHeight + _fetchWindow)
        {
            return Priority.Later;
        }

        var urgent = height == _finalizedHeight + 1 && advert.Kind is ArtifactKind.BlockProposal
            or ArtifactKind.RandomBeacon or ArtifactKind.NotarizationShare;
        return urgent ? Priority.FetchNow : Priority.Fetch;
    }
}
