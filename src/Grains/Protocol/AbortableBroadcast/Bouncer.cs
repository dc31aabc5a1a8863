using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>
/// Abortable Broadcast's three-valued filter, read off the priority function: what would be fetched is wanted,
/// what would wait is maybe wanted later, what would be dropped is unwanted. Rebuilt every second; the DKG and
/// IDKG channels' verdicts are refreshed only every third rebuild (3 s), as on the IC.
/// </summary>
public sealed class Bouncer
{
    public const int SlowChannelRebuildEvery = 3;

    private readonly ArtifactPool _pool;
    private readonly GossipSettings _settings;
    private readonly Func<Advert, bool> _isStale;
    private PriorityFunction _fast;
    private PriorityFunction _slow;
    private int _rebuilds;

    public Bouncer(ArtifactPool pool, GossipSettings settings, Func<Advert, bool> isStale, double nowMs)
    {
        _pool = pool;
        _settings = settings;
        _isStale = isStale;
        _fast = _slow = PriorityFunction.Build(pool, settings, nowMs, isStale);
    }

    public void Rebuild(double nowMs)
    {
        _fast = PriorityFunction.Build(_pool, _settings, nowMs, _isStale);
        if (++_rebuilds % SlowChannelRebuildEvery == 0)
        {
            _slow = _fast;
        }
    }

    public BouncerVerdict Judge(Advert advert)
    {
        var function = advert.Channel is GossipChannel.Dkg or GossipChannel.IDkg ? _slow : _fast;
        return function.Classify(advert) switch
        {
            Priority.FetchNow or Priority.Fetch => BouncerVerdict.Wants,
            Priority.Later or Priority.Stash => BouncerVerdict.MaybeWantsLater,
            _ => BouncerVerdict.Unwanted,
        };
    }
}
