using OrleansGossip.Abstractions.Live;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Grains.Nodes;
using OrleansGossip.Grains.Protocol;

namespace OrleansGossip.Grains.Live;

/// <summary>
/// What one node hands a dashboard: after each window, what its ledger gained since the last, to the run's live buffer,
/// and now and then (or when its shape changed) a sample of its counters, queues and links, while someone watches the
/// run. A watch that starts finds the node's history behind it: only what happens from the window it starts in on is
/// sent. While nobody watches, it costs one read a window.
/// </summary>
internal sealed class NodeLivePublisher(LiveTelemetry live, TimeSpan sampleInterval)
{
    private static readonly Priority[] PriorityClasses = Enum.GetValues<Priority>();

    private LiveRunBuffer? _buffer;
    private int _created;
    private int _deliveries;
    private long _sampledAt;
    private (long Version, int Peers, int Cut, bool Crashed) _shape;

    /// <summary>Starts again from an empty ledger (a node set up anew).</summary>
    public void Reset() => (_created, _deliveries) = (0, 0);

    public void Publish(NodeHost host)
    {
        var configuration = host.Configuration;
        var ledger = host.Ledger;
        if (live.For(configuration.RunId) is not { } buffer)
        {
            // Nobody watches: keep the positions moving, so that a watch starting later gets this window on.
            _buffer = null;
            _created = ledger.Created.Count;
            _deliveries = ledger.Deliveries.Count;
            return;
        }

        var sampleNow = false;
        if (!ReferenceEquals(buffer, _buffer))
        {
            _buffer = buffer;
            _shape = default;
            sampleNow = true;
        }

        buffer.Add(configuration.Subnet, configuration.Node, ledger.Created, _created, ledger.Deliveries, _deliveries);
        _created = ledger.Created.Count;
        _deliveries = ledger.Deliveries.Count;

        var shape = (host.RegistryVersion, host.Core?.Peers.Count ?? 0, host.Network.CutLinks.Count, host.Crashed);
        var changed = shape != _shape;
        var now = Environment.TickCount64;
        if (!sampleNow && !changed && now - _sampledAt < (long)sampleInterval.TotalMilliseconds)
        {
            return;
        }

        _shape = shape;
        _sampledAt = now;
        buffer.Sample(Sample(host, changed || sampleNow));
    }

    private static LiveNodeSample Sample(NodeHost host, bool withShape)
    {
        var core = host.Core;
        var network = host.Network;
        var queued = new int[PriorityClasses.Length];
        var backlog = new double[PriorityClasses.Length];
        foreach (var priority in PriorityClasses)
        {
            queued[(int)priority] = core is AdvertGossipNode advert && priority <= Priority.Fetch ? advert.Scheduler.Queued(priority) : 0;
            backlog[(int)priority] = network.UplinkBacklogMs(priority);
        }

        var ledger = host.Ledger;
        return new LiveNodeSample(
            host.Configuration.Node,
            host.Configuration.Subnet,
            host.Clock.NowMs,
            host.Crashed,
            host.RegistryVersion,
            ledger.Finalizations.Count > 0 ? ledger.Finalizations[^1].Height : 0,
            LiveCounters.From(ledger.CountersByKind()),
            queued,
            backlog,
            withShape ? (core?.Peers.Order().ToList() ?? []) : null,
            withShape ? network.CutLinks.Order().ToList() : null);
    }
}
