using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Live;
using OrleansGossip.Grains.Placement;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Grains.Nodes;

/// <summary>
/// An emulated replica: a thin shell around its <see cref="NodeHost"/>. The silo's <see cref="SiloEngine"/> queues it
/// a window at a time, and it takes each in one turn; messages from other silos and its run's controls go to its inbox
/// between windows. It stores nothing: when its silo stops while the run goes on, the first call for it activates it
/// on another silo, where it asks its run for the configuration it was set up with
/// (<see cref="IRunGrain.GetNodeConfigurationAsync"/>), tells the run where it now is, and starts again with an empty
/// pool and ledger, asking its peers for what it is missing. After each window it publishes to a watching dashboard
/// (<see cref="NodeLivePublisher"/>).
/// </summary>
[EmulatedNodePlacement]
public sealed partial class NodeGrain(
    SiloEngine engine,
    TelemetryRecorder telemetry,
    LiveTelemetry live,
    IOptions<EmulatorOptions> options,
    IOptions<LiveFeedOptions> liveOptions,
    ILogger<NodeGrain> logger) : Grain, INodeGrain, IWindowRunner
{
    /// <summary>How long a node that gets its windows as work items is kept from collection, renewed at half of it.</summary>
    private static readonly TimeSpan LocalKeepAlive = TimeSpan.FromMinutes(20);

    private NodeHost? _host;
    private EngineNode? _engineNode;
    private Action<object?>? _takeWindow;
    private long _keptAliveUntil;
    private readonly NodeLivePublisher _live = new(live, liveOptions.Value.NodeSampleInterval);

    /// <summary>
    /// A node of a run that goes on, activated again (its silo stopped), resumes with the configuration its run set it
    /// up with and asks its peers for what it is missing. A node being set up, or one whose run is over, stays
    /// unconfigured until told otherwise.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _takeWindow = state => TakeWindow((PendingWindow)state!);
        if (!NodeGrainKey.TryParse(this.GetPrimaryKeyString(), out var runId, out var node))
        {
            return;
        }

        var run = GrainFactory.GetGrain<IRunGrain>(runId);
        NodeConfiguration? configuration;
        try
        {
            configuration = await run.GetNodeConfigurationAsync(node);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            // The run's own silo is the one that stopped and the cluster has not noticed yet: ask again with the next
            // call for this node, which activates it anew.
            LogRunUnreachable(logger, e, node.Value, runId);
            DeactivateOnIdle();
            return;
        }

        if (configuration is null)
        {
            return;
        }

        await SetUpAsync(configuration, resume: true);
        _engineNode!.Inbox.Add(new EventKey(0, EventKey.ControlSender, 0), NodeEvent.Of(new StartNode()));
        run.ReportNodeRestoredAsync(configuration.Node, engine.SiloKey).Ignore();
        LogResumed(logger, configuration.Node.Value, configuration.RunId);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_engineNode is not null)
        {
            engine.Unregister(_engineNode);
        }

        return Task.CompletedTask;
    }

    public async Task<string> ConfigureAsync(NodeConfiguration configuration)
    {
        var key = NodeGrainKey.Format(configuration.RegistryId, configuration.Node);
        if (key != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"configuration for node '{key}' sent to node '{this.GetPrimaryKeyString()}'", nameof(configuration));
        }

        await SetUpAsync(configuration, resume: false);
        return engine.SiloKey;
    }

    private async Task SetUpAsync(NodeConfiguration configuration, bool resume)
    {
        var membership = await GrainFactory.GetGrain<IRegistryGrain>(configuration.RegistryId).GetMembershipAsync(configuration.Subnet);
        if (_engineNode is not null)
        {
            engine.Unregister(_engineNode);
        }

        _engineNode = new EngineNode(this.GetPrimaryKeyString(), configuration.RunId, configuration.Subnet, this);
        _host = new NodeHost(configuration, membership, engine, _engineNode, telemetry, options.Value.DeliveryTick, resume);
        _live.Reset();
        engine.Register(_engineNode);
    }

    public Task ReceiveAsync(IReadOnlyList<TimedEnvelope> envelopes)
    {
        if (_engineNode is { } node && _host is { Ended: false })
        {
            foreach (var envelope in envelopes)
            {
                node.Inbox.Add(envelope);
            }
        }

        return Task.CompletedTask;
    }

    public Task ScheduleAsync(IReadOnlyList<NodeControl> controls)
    {
        var node = _engineNode ?? throw NotConfigured();
        if (_host is { Ended: false })
        {
            foreach (var control in controls)
            {
                node.Inbox.Add(new EventKey(control.AtTicks, EventKey.ControlSender, control.Sequence), NodeEvent.Of(control));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Called by the engine from any thread: the window is taken in a turn of this activation's own.</summary>
    void IWindowRunner.RunWindow(long startTicks, long endTicks, WindowCountdown done) =>
        GrainContext.Scheduler.QueueAction(_takeWindow!, new PendingWindow(startTicks, endTicks, done));

    private void TakeWindow(PendingWindow window)
    {
        try
        {
            KeepAlive();
            _host?.TakeWindow(window.StartTicks, window.EndTicks);
            if (_host is { } host)
            {
                _live.Publish(host);
            }

            window.Done.Signal();
        }
        catch (Exception e)
        {
            LogWindowFailed(logger, e, this.GetPrimaryKeyString());
            window.Done.Fail(e);
        }
    }

    /// <summary>
    /// Orleans counts a grain's calls, not the work queued to it, as activity: a node that takes its windows as work
    /// items must say it is busy, or it would be collected as idle in the middle of a run.
    /// </summary>
    private void KeepAlive()
    {
        var now = Environment.TickCount64;
        if (now < _keptAliveUntil)
        {
            return;
        }

        DelayDeactivation(LocalKeepAlive);
        _keptAliveUntil = now + (long)(LocalKeepAlive / 2).TotalMilliseconds;
    }

    public Task EndAsync()
    {
        _host?.End();
        if (_engineNode is not null)
        {
            engine.Unregister(_engineNode);
        }

        return Task.CompletedTask;
    }

    public Task<string> GetSiloAsync() => Task.FromResult(engine.SiloKey);

    public Task<NodeStatus> GetStatusAsync()
    {
        var host = RequireHost();
        var core = host.Core;
        return Task.FromResult(new NodeStatus(
            host.Configuration.Node,
            host.RegistryVersion,
            core is null ? [] : core.Peers.Order().ToList(),
            host.Network.CutLinks.Order().ToList(),
            core?.Pool.Count ?? 0,
            core?.PendingDownloads ?? 0,
            host.Ledger.Misbehaviour.Values.Sum() + host.Ledger.RejectedNonMember,
            host.Crashed,
            core?.Pool.FinalizedHeight ?? 0));
    }

    public Task<bool> HasArtifactAsync(ArtifactId artifact) => Task.FromResult(RequireHost().Holds(artifact));

    public Task<NodeRunLog> GetRunLogAsync()
    {
        var host = RequireHost();
        var ledger = host.Ledger;
        return Task.FromResult(new NodeRunLog(
            host.Configuration.Node,
            host.Configuration.Behaviour,
            ledger.Created.ToList(),
            ledger.Deliveries.ToList(),
            ledger.CountersByKind(),
            ledger.Finalizations.ToList(),
            ledger.Unwanted.Where(id => !host.Holds(id)).ToList(),
            ledger.CopyBodyReceipts(),
            Alive: !host.Crashed && host.IsMember,
            ProtocolCounters: new Dictionary<string, long>(ledger.ProtocolCounters),
            RejectedNonMember: ledger.RejectedNonMember));
    }

    public Task<ArtifactReceipt> GetReceiptAsync(ArtifactId artifact)
    {
        var host = RequireHost();
        var ledger = host.Ledger;
        double? at = null;
        var created = false;
        foreach (var origin in ledger.Created.Where(o => o.Artifact == artifact).Take(1))
        {
            (at, created) = (origin.AtMs, true);
        }

        foreach (var delivery in ledger.Deliveries.Where(d => at is null && d.Artifact == artifact).Take(1))
        {
            at = delivery.AtMs;
        }

        return Task.FromResult(new ArtifactReceipt(host.Configuration.Node, created, at, host.Holds(artifact), ledger.BodiesReceived(artifact)));
    }

    private NodeHost RequireHost() => _host ?? throw NotConfigured();

    private InvalidOperationException NotConfigured() =>
        new($"node '{this.GetPrimaryKeyString()}' has not been configured for a run");

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} of run {RunId} resumed on this silo with its run's configuration, catching up")]
    private static partial void LogResumed(ILogger logger, string node, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not ask run {RunId} whether it goes on; it will ask again with the next call")]
    private static partial void LogRunUnreachable(ILogger logger, Exception exception, string node, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node} failed in a window")]
    private static partial void LogWindowFailed(ILogger logger, Exception exception, string node);

    private sealed record PendingWindow(long StartTicks, long EndTicks, WindowCountdown Done);
}
