using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansGossip.Abstractions.Engine;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Engine;

/// <summary>
/// This silo's part of the virtual-time engine. It knows the nodes activated here, by run and subnet, and takes a
/// subnet's through a window when the run's coordinator asks (<see cref="RunWindowAsync"/>): each node with something
/// due in the window takes it in one turn of its own, in parallel with the others; what they send to nodes here goes
/// straight to those nodes' inboxes, due in a later window; what they send to nodes on other silos goes in one call
/// per destination node once every turn is over, and the window is answered only when those calls are. Nothing here
/// reads the wall clock.
/// </summary>
public sealed partial class SiloEngine(ILocalSiloDetails silo, IGrainFactory grains, ILogger<SiloEngine> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<string, EngineNode> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string RunId, SubnetId Subnet), EngineSubnet> _subnets = new();
    private bool _stopped;
    private long _sentAcross;

    /// <summary>Messages this silo's nodes sent to nodes on other silos.</summary>
    public long MessagesSentAcross => Interlocked.Read(ref _sentAcross);

    /// <summary>This silo's address, as its <see cref="IEngineGrain"/> is keyed.</summary>
    public string SiloKey => silo.SiloAddress.ToParsableString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloEngine), ServiceLifecycleStage.Active, _ => Task.CompletedTask, OnStopAsync);

    internal void Register(EngineNode node)
    {
        _nodes[node.Key] = node;
        _subnets.GetOrAdd((node.RunId, node.Subnet), _ => new EngineSubnet()).Add(node);
    }

    internal void Unregister(EngineNode node)
    {
        _nodes.TryRemove(new KeyValuePair<string, EngineNode>(node.Key, node));
        if (_subnets.TryGetValue((node.RunId, node.Subnet), out var subnet))
        {
            subnet.Remove(node);
            if (subnet.IsEmpty)
            {
                _subnets.TryRemove(new KeyValuePair<(string, SubnetId), EngineSubnet>((node.RunId, node.Subnet), subnet));
            }
        }
    }

    /// <summary>The node keyed <paramref name="key"/> when it is activated on this silo.</summary>
    internal EngineNode? Find(string key) => _nodes.GetValueOrDefault(key);

    /// <summary>
    /// Takes this silo's nodes of a subnet through [<paramref name="startTicks"/>, <paramref name="endTicks"/>), and
    /// answers when the earliest of their next events (and of what they sent to other silos) is due.
    /// </summary>
    public async Task<WindowOutcome> RunWindowAsync(string runId, SubnetId subnet, long startTicks, long endTicks)
    {
        if (_stopped || !_subnets.TryGetValue((runId, subnet), out var members))
        {
            return WindowOutcome.Idle;
        }

        // In key order, so that what the nodes are asked and sent is the same from run to run.
        var nodes = members.Members;
        var due = new List<EngineNode>(nodes.Length);
        foreach (var node in nodes)
        {
            if (node.NextDueTicks < endTicks)
            {
                due.Add(node);
            }
        }

        var countdown = new WindowCountdown(due.Count);
        foreach (var node in due)
        {
            node.Runner.RunWindow(startTicks, endTicks, countdown);
        }

        // What follows reads only the nodes' engine state: it need not wait for the caller's turn.
        await countdown.Task.ConfigureAwait(false);

        List<(string Key, TimedEnvelope Envelope)>? remote = null;
        long deliveries = 0;
        var next = long.MaxValue;
        foreach (var node in nodes)
        {
            if (node.HasRemote)
            {
                node.TakeRemote(remote ??= []);
            }

            deliveries += node.TakeDeliveries();
            next = Math.Min(next, node.NextDueTicks);
        }

        if (remote is not null)
        {
            foreach (var (_, envelope) in remote)
            {
                next = Math.Min(next, envelope.DueTicks);
            }

            Interlocked.Add(ref _sentAcross, remote.Count);
            await SendAcrossAsync(remote).ConfigureAwait(false);
        }

        return new WindowOutcome(next, deliveries);
    }

    /// <summary>One call per destination node; each reaches its node's inbox before the window is answered.</summary>
    private async Task SendAcrossAsync(List<(string Key, TimedEnvelope Envelope)> remote)
    {
        var calls = new List<Task>();
        foreach (var group in remote.GroupBy(r => r.Key, StringComparer.Ordinal))
        {
            calls.Add(Send(group.Key, group.Select(r => r.Envelope).ToList()));
        }

        await Task.WhenAll(calls).ConfigureAwait(false);

        async Task Send(string key, List<TimedEnvelope> envelopes)
        {
            try
            {
                await grains.GetGrain<INodeGrain>(key).ReceiveAsync(envelopes).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                // The destination's silo went away: its node resumes elsewhere and catches up from its peers.
                LogNotDelivered(logger, e, key, envelopes.Count);
            }
        }
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _nodes.Clear();
        _subnets.Clear();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand {Count} messages to node {Node} on another silo")]
    private static partial void LogNotDelivered(ILogger logger, Exception exception, string node, int count);
}
