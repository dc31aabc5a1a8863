using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Engine;

/// <summary>
/// A node activated on this silo as its engine sees it: its inbox, when its own timers next fire, what it sent in the
/// window to nodes on other silos, and the deliveries it made. The node writes these in its window turn; the engine
/// reads them once the window's turns are over.
/// </summary>
internal sealed class EngineNode(string key, string runId, SubnetId subnet, IWindowRunner runner)
{
    private readonly List<(string Key, TimedEnvelope Envelope)> _remote = [];
    private long _deliveries;

    public string Key { get; } = key;

    public string RunId { get; } = runId;

    public SubnetId Subnet { get; } = subnet;

    public IWindowRunner Runner { get; } = runner;

    public NodeInbox Inbox { get; } = new();

    /// <summary>When the node's core next has work, in emulated ticks; <see cref="long.MaxValue"/> when idle.</summary>
    public long NextTimerTicks { get; set; } = long.MaxValue;

    public long NextDueTicks => Math.Min(Inbox.NextDueTicks, NextTimerTicks);

    public bool HasRemote => _remote.Count > 0;

    /// <summary>Keeps a message for a node on another silo until the window is over.</summary>
    public void SendRemote(string destination, in TimedEnvelope envelope) => _remote.Add((destination, envelope));

    public void CountDeliveries(long deliveries) => _deliveries += deliveries;

    /// <summary>Moves what the node sent to other silos in the window to <paramref name="into"/>.</summary>
    public void TakeRemote(List<(string Key, TimedEnvelope Envelope)> into)
    {
        into.AddRange(_remote);
        _remote.Clear();
    }

    public long TakeDeliveries()
    {
        var deliveries = _deliveries;
        _deliveries = 0;
        return deliveries;
    }
}
