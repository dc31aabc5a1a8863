using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// What a client may do to a run while it goes on (through the gateway): read its status, apply faults, change a
/// node's behaviour and submit artifacts to its nodes. Each lands at the start of the subnet's next window (for a paced
/// run, not before the emulated time the wall clock has reached), is written to the run's event log with that time,
/// and goes to the nodes as the scenario's own faults and workload do, so that replaying the log lands it the same.
/// </summary>
public sealed partial class RunGrain
{
    /// <summary>The origin named in the ids of artifacts submitted through the gateway, so that they never collide with the workload's.</summary>
    private const string SubmittedOrigin = "gateway";

    private long _submitted;

    public Task<RunStatus> GetStatusAsync()
    {
        var faults = _faults;
        var subnets = (faults?.Plans ?? _plans).Select((plan, s) => new RunSubnet(
            plan.Id.Value,
            plan.Spec.Topology,
            plan.Nodes.Select(n => n.Value).ToList(),
            plan.Behaviours.Select(b => b.WireName()).ToList(),
            plan.Nodes.Where(n => faults?.IsUp(s, n) == false).Select(n => n.Value).ToList())).ToList();
        return Task.FromResult(new RunStatus(
            Progress(),
            _scenario?.Name ?? "",
            _scenario?.Protocol ?? "",
            _scenario?.Seed ?? 0,
            _scenario?.TimeScale ?? 0,
            _clock?.EpochUtc,
            subnets,
            faults?.Events.ToList() ?? _report?.Faults ?? []));
    }

    public async Task<FaultEvent> ApplyFaultAsync(FaultSpec fault)
    {
        var faults = RequireRunning();
        ArgumentNullException.ThrowIfNull(fault);
        var s = CheckFault(fault, faults.Plans);
        var subnet = _subnets[s];
        var before = faults.Events.Count;
        var at = await LandFromOutsideAsync(subnet, async at =>
        {
            var landed = fault with { AtSeconds = 0, Subnet = subnet.Plan.Id.Value };
            _events.Add(new FaultRunEvent { AtMs = at, Fault = landed });
            await LandFaultAsync(subnet, landed, at);
        });
        return faults.Events.Skip(before).LastOrDefault(e => e.Kind == fault.Kind)
            ?? new FaultEvent(at / 1000, fault.Kind, subnet.Plan.Id.Value, $"{fault.Kind} {subnet.Plan.Id}");
    }

    private async Task LandFaultAsync(SubnetCoordinator subnet, FaultSpec fault, double atMs)
    {
        _faults!.ScheduleAt(subnet.Index, fault, atMs);
        await _faults.ApplyDueAsync(subnet.Index, atMs, inclusive: true);
        TakeAddedNodes(subnet);
    }

    /// <summary>
    /// Lands something from outside in <paramref name="subnet"/> (<see cref="LandingTicks"/>): holds the subnet's next
    /// window while <paramref name="land"/> sends its controls, then answers once the window that takes them is over,
    /// so that what the caller reads next shows it.
    /// </summary>
    private async Task<double> LandFromOutsideAsync(SubnetCoordinator subnet, Func<double, Task> land)
    {
        long at;
        using (subnet.Hold())
        {
            at = LandingTicks(subnet);
            await land(at / (double)TimeSpan.TicksPerMillisecond);
        }

        await subnet.WhenPastAsync(at);
        return at / (double)TimeSpan.TicksPerMillisecond;
    }

    /// <summary>
    /// When something from outside lands in <paramref name="subnet"/>: at the end of the window it is taking (or took
    /// last), and in a paced run not before the emulated time the wall clock has reached, on a window boundary. The
    /// subnet begins a window there.
    /// </summary>
    private long LandingTicks(SubnetCoordinator subnet)
    {
        var at = subnet.InWindowEndTicks ?? subnet.ReachedTicks;
        if (_scenario!.TimeScale > 0)
        {
            var wallTicks = (wall.GetUtcNow() - _wallStart).Ticks;
            at = Math.Max(at, subnet.BoundaryAtOrAfter((long)(wallTicks / _scenario.TimeScale)));
        }

        subnet.ForcedTicks = Math.Min(subnet.ForcedTicks, at);
        subnet.Wake();
        return at;
    }

    /// <summary>Lands an event of a replayed log at its time, as it landed in the run that logged it.</summary>
    private async Task LandAsync(SubnetCoordinator subnet, RunEvent replayed)
    {
        _events.Add(replayed);
        switch (replayed)
        {
            case FaultRunEvent fault:
                await LandFaultAsync(subnet, fault.Fault, replayed.AtMs);
                break;
            case BehaviourRunEvent behaviour:
                NodeBehaviours.TryParse(behaviour.Behaviour, out var parsed);
                await LandBehaviourAsync(subnet, behaviour.Node, parsed, behaviour.Fraction, replayed.AtMs);
                break;
            case SubmissionRunEvent submission:
                ArtifactKinds.TryParse(submission.ArtifactKind, out var kind);
                await LandSubmissionAsync(subnet, new NodeId(submission.Node), kind, submission.Size, submission.Content, submission.Attribute, replayed.AtMs);
                break;
        }
    }

    /// <summary>The index of the subnet a logged event happened in; 0 when it names none.</summary>
    private int SubnetOf(RunEvent logged)
    {
        var id = logged switch
        {
            FaultRunEvent fault => fault.Fault.Subnet,
            BehaviourRunEvent behaviour => behaviour.Subnet,
            SubmissionRunEvent submission => _plans.FirstOrDefault(p => p.IndexOf(new NodeId(submission.Node)) >= 0)?.Id.Value,
            _ => null,
        };
        var index = _plans.ToList().FindIndex(p => p.Id.Value == id);
        return Math.Max(0, index);
    }

    public async Task<FaultEvent> SetBehaviourAsync(string subnet, int node, string behaviour, double? fraction)
    {
        var faults = RequireRunning();
        var subnets = faults.Plans.Select(p => (Id: p.Id.Value, Nodes: p.Nodes.Count)).ToList();
        var problems = OutsideEventChecks.Behaviour(subnets, $"run '{RunId}'", subnet, node, behaviour, fraction, "$", out var parsed);
        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        var landing = _subnets[subnets.FindIndex(p => p.Id == subnet)];
        FaultEvent? changed = null;
        await LandFromOutsideAsync(landing, async at =>
        {
            _events.Add(new BehaviourRunEvent { AtMs = at, Subnet = subnet, Node = node, Behaviour = parsed.WireName(), Fraction = fraction });
            changed = await LandBehaviourAsync(landing, node, parsed, fraction, at);
        });
        return changed!;
    }

    private async Task<FaultEvent> LandBehaviourAsync(SubnetCoordinator subnet, int node, NodeBehaviour behaviour, double? fraction, double atMs)
    {
        var plan = _faults!.Plans[subnet.Index];
        await _controls!.SendAsync(plan.Nodes[node], atMs, new ChangeBehaviour(behaviour, behaviour == NodeBehaviour.Slow ? fraction!.Value : 1));
        return _faults.RecordBehaviour(subnet.Index, node, behaviour, atMs);
    }

    public async Task<SubmittedArtifact> SubmitArtifactAsync(NodeId node, ArtifactKind kind, int requested, byte[]? content, long? attribute)
    {
        var faults = RequireRunning();
        var subnet = -1;
        for (var s = 0; s < faults.Plans.Count && subnet < 0; s++)
        {
            if (faults.Plans[s].IndexOf(node) >= 0)
            {
                subnet = s;
            }
        }

        if (subnet < 0)
        {
            throw new ArgumentException($"node '{node}' is not in run '{RunId}'", nameof(node));
        }

        if (!faults.IsUp(subnet, node))
        {
            throw new InvalidOperationException($"node '{node}' is down (crashed or removed) and takes no artifacts");
        }

        var size = content?.Length ?? requested;
        if (size > kind.MaxSize() || size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requested), size, $"a {kind.WireName()} is at most {kind.MaxSize()} bytes");
        }

        if (attribute is null && kind.Channel() == GossipChannel.Consensus)
        {
            // The next height above the node's finalized one: what its peers fetch now rather than purge or put off.
            attribute = (await GrainFactory.GetNode(RunId, node).GetStatusAsync()).FinalizedHeight + 1;
        }

        SubmittedArtifact? submitted = null;
        await LandFromOutsideAsync(_subnets[subnet], async at =>
        {
            var resolved = attribute ?? (kind == ArtifactKind.Ingress ? (long)(at + WorkloadGenerator.IngressExpiryMs) : 0);
            _events.Add(new SubmissionRunEvent { AtMs = at, Node = node.Value, ArtifactKind = kind.WireName(), Size = size, Content = content, Attribute = resolved });
            submitted = await LandSubmissionAsync(_subnets[subnet], node, kind, size, content, resolved, at);
        });
        return submitted!;
    }

    private async Task<SubmittedArtifact> LandSubmissionAsync(SubnetCoordinator subnet, NodeId node, ArtifactKind kind, int size, byte[]? content, long attribute, double atMs)
    {
        var body = content is null ? ArtifactBody.Synthetic(size, (ulong)(_submitted + 1) * 0x9E3779B97F4A7C15UL) : ArtifactBody.FromBytes(content);
        var artifact = Artifact.Create(kind, attribute, $"{SubmittedOrigin}/{node}", ++_submitted, body);
        await _controls!.SendAsync(node, atMs, new SubmitArtifact(artifact));
        Created(subnet);
        return new SubmittedArtifact(artifact.Id.ToString(), kind.WireName(), body.Size, attribute, subnet.Plan.Id.Value, node.Value, atMs);
    }

    /// <summary>The run's fault injector while the run goes on; throws when it does not.</summary>
    private FaultInjector RequireRunning()
    {
        if (_phase is not (RunPhase.Running or RunPhase.Draining) || _stopping || _faults is null || _clock is null)
        {
            throw new InvalidOperationException($"run '{RunId}' is {_phase.WireName()}, not running");
        }

        return _faults;
    }

    /// <summary>
    /// Checks a fault as the scenario validator checks a scenario's faults, against the subnets as they are now; returns
    /// the index of its subnet. Problems carry paths from the fault itself (<c>$.nodes[0]</c>).
    /// </summary>
    private int CheckFault(FaultSpec fault, IReadOnlyList<SubnetPlan> plans)
    {
        var subnets = plans.Select(p => p.Spec with { Nodes = p.Nodes.Count }).ToList();
        var problems = OutsideEventChecks.Fault(_scenario!, subnets, fault, "$").ToList();
        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        return fault.Subnet is null ? 0 : plans.ToList().FindIndex(p => p.Id.Value == fault.Subnet);
    }
}
