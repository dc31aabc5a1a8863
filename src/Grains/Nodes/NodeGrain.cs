using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Network;
using OrleansGossip.Grains.Protocol;
using OrleansGossip.Grains.Protocol.Clients;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Grains.Nodes;

/// <summary>
/// An emulated replica: a thin shell around its protocol core (<see cref="GossipNode"/>) and its side of the
/// emulated network. One grain timer, re-armed to the core's next deadline, drives the core's time-outs.
/// </summary>
public sealed class NodeGrain(
    DeliveryScheduler scheduler,
    TelemetryRecorder telemetry,
    TimeProvider wall,
    IOptions<EmulatorOptions> options) : Grain, INodeGrain
{
    private readonly List<SubnetMembership> _versionsInUse = [];
    private NodeConfiguration? _configuration;
    private GossipNode? _core;
    private ConsensusClient? _consensus;
    private NodeNetwork? _network;
    private IGrainTimer? _timer;
    private double? _armedForMs;

    public async Task ConfigureAsync(NodeConfiguration configuration)
    {
        var key = NodeGrainKey.Format(configuration.RegistryId, configuration.Node);
        if (key != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"configuration for node '{key}' sent to node '{this.GetPrimaryKeyString()}'", nameof(configuration));
        }

        var random = new Random(SeedFor(configuration));
        var network = new NodeNetwork(configuration.Node, configuration.RegistryId, configuration.Network, configuration.Clock, wall, random, scheduler);
        var context = new GossipNodeContext(
            configuration.Node,
            configuration.Behaviour,
            configuration.Gossip,
            new ScaledTimeProvider(configuration.Clock, wall),
            random,
            configuration.Clock.EpochUtc,
            network,
            new NodeObserver(telemetry, configuration.RunId));

        _configuration = configuration;
        _network = network;
        _core = GossipNode.Create(configuration.Protocol, context);
        _versionsInUse.Clear();

        var membership = await GrainFactory.GetGrain<IRegistryGrain>(configuration.RegistryId).GetMembershipAsync(configuration.Subnet);
        if (configuration.Consensus is { } consensus)
        {
            _consensus = new ConsensusClient(_core, consensus, configuration.Seed, membership.Members.Select(m => m.Id));
            _core.Attach(_consensus);
        }
        else
        {
            _consensus = null;
            _core.Attach(new BlockClockClient(_core.Pool));
        }

        ApplyMembership(membership);
        ArmTimer();
    }

    public Task ReceiveAsync(MessageBatch batch)
    {
        if (_core is null || _network is null)
        {
            return Task.CompletedTask;
        }

        foreach (var envelope in _network.Download(batch, options.Value.DeliveryTick))
        {
            _core.Receive(envelope.From, envelope.Message);
        }

        ArmTimer();
        return Task.CompletedTask;
    }

    public Task SubmitAsync(Artifact artifact)
    {
        RequireCore().Submit(artifact);
        ArmTimer();
        return Task.CompletedTask;
    }

    public Task OnRegistryChangedAsync(SubnetMembership membership)
    {
        if (_core is not null && _configuration?.Subnet == membership.Subnet)
        {
            ApplyMembership(membership);
            ArmTimer();
        }

        return Task.CompletedTask;
    }

    public Task SetLinkAsync(NodeId peer, bool up)
    {
        var core = RequireCore();
        if (_network!.SetLink(peer, up) && up)
        {
            core.OnLinkRestored(peer);
        }

        ArmTimer();
        return Task.CompletedTask;
    }

    public Task<NodeStatus> GetStatusAsync()
    {
        var core = RequireCore();
        return Task.FromResult(new NodeStatus(
            core.Self,
            _versionsInUse.Count > 0 ? _versionsInUse[^1].Version : 0,
            core.Peers.Order().ToList(),
            _network!.CutLinks.Order().ToList(),
            core.Pool.Count,
            core.PendingDownloads,
            core.Ledger.Misbehaviour.Values.Sum() + core.RejectedNonMember));
    }

    public Task<bool> HasArtifactAsync(ArtifactId artifact) => Task.FromResult(RequireCore().Pool.Contains(artifact));

    public Task<NodeRunLog> GetRunLogAsync()
    {
        var core = RequireCore();
        return Task.FromResult(new NodeRunLog(
            core.Self,
            _configuration!.Behaviour,
            core.Ledger.Created.ToList(),
            core.Ledger.Deliveries.ToList(),
            core.Ledger.CountersByKind(),
            core.Ledger.Finalizations.ToList(),
            core.Ledger.Unwanted.Where(id => !core.Pool.Contains(id)).ToList()));
    }

    /// <summary>
    /// Keeps the memberships of the registry versions in use (the newest few) and makes the node's peers their
    /// members. A node absent from the newest version has been removed: it keeps no peers.
    /// </summary>
    private void ApplyMembership(SubnetMembership membership)
    {
        if (_versionsInUse.Count > 0 && membership.Version <= _versionsInUse[^1].Version)
        {
            return;
        }

        _versionsInUse.Add(membership);
        _consensus?.SetMembers(membership.Members.Select(m => m.Id));
        var keep = Math.Max(1, _configuration!.Gossip.RegistryVersionsInUse);
        if (_versionsInUse.Count > keep)
        {
            _versionsInUse.RemoveRange(0, _versionsInUse.Count - keep);
        }

        var self = _configuration.Node;
        var peers = membership.Contains(self)
            ? _versionsInUse.SelectMany(v => v.Members).Select(m => m.Id).Distinct()
            : [];
        _core!.SetPeers(peers);
    }

    private void ArmTimer()
    {
        var next = _core?.NextDeadlineMs;
        if (next == _armedForMs)
        {
            return;
        }

        _armedForMs = next;
        var due = next is { } deadline
            ? _configuration!.Clock.WallAt(deadline) - wall.GetUtcNow()
            : Timeout.InfiniteTimeSpan;
        if (due != Timeout.InfiniteTimeSpan && due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _armedForMs = null;
        _core?.Tick();
        ArmTimer();
        return Task.CompletedTask;
    }

    private GossipNode RequireCore() =>
        _core ?? throw new InvalidOperationException($"node '{this.GetPrimaryKeyString()}' has not been configured for a run");

    private static int SeedFor(NodeConfiguration configuration)
    {
        var hash = Hash128.Of(System.Text.Encoding.UTF8.GetBytes($"{configuration.Seed}|{configuration.Node}"));
        return (int)(hash.High & int.MaxValue);
    }
}
