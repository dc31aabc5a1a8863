using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Protocol;

/// <summary>
/// Classifies adverts, as the IC's priority functions do, from a view of the pool taken when it was built:
/// what the pool holds is dropped; consensus artifacts below the finalized height are dropped, those within the
/// fetch window are fetched now, ahead of ingress, and further ones wait, but for catch-up shares, which are
/// fetched wherever they are; expired ingress is dropped, other ingress is fetched.
/// </summary>
public sealed class PriorityFunction
{
    private readonly ArtifactPool _pool;
    private readonly long _finalizedHeight;
    private readonly long _fetchWindow;
    private readonly double _nowMs;
    private readonly bool _enabled;
    private readonly Func<Advert, bool> _isStale;

    private PriorityFunction(ArtifactPool pool, GossipSettings settings, double nowMs, Func<Advert, bool>? isStale)
    {
        _pool = pool;
        _finalizedHeight = pool.FinalizedHeight;
        _fetchWindow = settings.ConsensusFetchWindow;
        _enabled = settings.Priorities;
        _nowMs = nowMs;
        _isStale = isStale ?? (_ => false);
    }

    public double BuiltAtMs => _nowMs;

    /// <summary>
    /// Builds the function from the pool as it is now. With priorities off (<see cref="GossipSettings.Priorities"/>)
    /// every advert for something not in the pool is fetched, in arrival order. <paramref name="isStale"/> lets the
    /// clients drop what they no longer need (a finalized block's ingress).
    /// </summary>
    public static PriorityFunction Build(ArtifactPool pool, GossipSettings settings, double nowMs, Func<Advert, bool>? isStale = null) =>
        new(pool, settings, nowMs, isStale);

    public Priority Classify(Advert advert)
    {
        if (_pool.Contains(advert))
        {
            return Priority.Drop;
        }

        if (!_enabled)
        {
            return Priority.Fetch;
        }

        if (_isStale(advert))
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
        if (height < _finalizedHeight || (height == _finalizedHeight && advert.Kind == ArtifactKind.CatchUpShare))
        {
            return Priority.Drop;
        }

        // Catch-up shares are how a node that fell far behind gets back: fetched wherever they are.
        if (advert.Kind == ArtifactKind.CatchUpShare)
        {
            return Priority.FetchNow;
        }

        return height > _finalizedHeight + _fetchWindow ? Priority.Later : Priority.FetchNow;
    }
}
