using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// What a client may do to a run while it goes on (through the gateway): read its status, apply faults now, change a
/// node's behaviour and submit artifacts to its nodes. Faults go through the run's <see cref="FaultInjector"/>, as the
/// scenario's own do, so that the report and the timeline show them.
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
            faults?.Events.ToList() ?? _report?.Faults ?? [],
            _warmUpRunId));
    }

    public async Task<FaultEvent> ApplyFaultAsync(FaultSpec fault)
    {
        var faults = RequireRunning();
        ArgumentNullException.ThrowIfNull(fault);
        var subnet = CheckFault(fault, faults.Plans);
        var now = _clock!.EmulatedMs(wall.GetUtcNow());
        var before = faults.Events.Count;
        faults.ScheduleAt(subnet, fault, now);
        await ApplyFaultsAsync(faults, now);
        return faults.Events.Skip(before).LastOrDefault(e => e.Kind == fault.Kind)
            ?? new FaultEvent(now / 1000, fault.Kind, faults.Plans[subnet].Id.Value, $"{fault.Kind} {faults.Plans[subnet].Id}");
    }

    public async Task<FaultEvent> SetBehaviourAsync(string subnet, int node, string behaviour, double? fraction)
    {
        var faults = RequireRunning();
        var problems = new List<ScenarioProblem>();
        var s = faults.Plans.ToList().FindIndex(p => p.Id.Value == subnet);
        if (s < 0)
        {
            problems.Add(new ScenarioProblem("$.subnet", null, $"no subnet '{subnet}' in run '{RunId}'"));
        }
        else if (node < 0 || node >= faults.Plans[s].Nodes.Count)
        {
            problems.Add(new ScenarioProblem("$.node", null, $"node index {node} is outside the subnet's 0..{faults.Plans[s].Nodes.Count - 1}"));
        }

        if (!NodeBehaviours.TryParse(behaviour, out var parsed))
        {
            problems.Add(new ScenarioProblem("$.behaviour", null, $"unknown behaviour '{behaviour}'; expected one of honest, withhold, corrupt, slow"));
        }
        else if (parsed is not (NodeBehaviour.Honest or NodeBehaviour.Withhold or NodeBehaviour.Corrupt or NodeBehaviour.Slow))
        {
            problems.Add(new ScenarioProblem("$.behaviour", null, $"'{parsed.WireName()}' is given in the scenario only; while a run goes on a node can be honest, withhold, corrupt or slow"));
        }
        else if (parsed == NodeBehaviour.Slow && fraction is not (> 0 and < 1))
        {
            problems.Add(new ScenarioProblem("$.fraction", null, $"a slow node needs the share of its bandwidth it serves at, above 0 and below 1, not {fraction?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        var plan = faults.Plans[s];
        await Node(plan.Nodes[node]).SetBehaviourAsync(parsed, parsed == NodeBehaviour.Slow ? fraction!.Value : 1);
        return faults.RecordBehaviour(s, node, parsed, _clock!.EmulatedMs(wall.GetUtcNow()));
    }

    public async Task<SubmittedArtifact> SubmitArtifactAsync(NodeId node, ArtifactKind kind, int size, byte[]? content, long? attribute)
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

        var body = content is null ? ArtifactBody.Synthetic(size, (ulong)(_submitted + 1) * 0x9E3779B97F4A7C15UL) : ArtifactBody.FromBytes(content);
        if (body.Size > kind.MaxSize() || body.Size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), body.Size, $"a {kind.WireName()} is at most {kind.MaxSize()} bytes");
        }

        var target = Node(node);
        if (attribute is null && kind.Channel() == GossipChannel.Consensus)
        {
            // The next height above the node's finalized one: what its peers fetch now rather than purge or put off.
            attribute = (await target.GetStatusAsync()).FinalizedHeight + 1;
        }

        var now = _clock!.EmulatedMs(wall.GetUtcNow());
        var at = attribute ?? (kind == ArtifactKind.Ingress ? (long)(now + WorkloadGenerator.IngressExpiryMs) : 0);
        var artifact = Artifact.Create(kind, at, $"{SubmittedOrigin}/{node}", ++_submitted, body);
        _ = target.SubmitAsync(artifact);
        _created++;
        _expected += faults.ExpectedReceivers(subnet) - 1;
        var plan = faults.Plans[subnet];
        return new SubmittedArtifact(artifact.Id.ToString(), kind.WireName(), body.Size, at, plan.Id.Value, node.Value, now);
    }

    /// <summary>The run's fault injector while the run goes on; throws when it does not.</summary>
    private FaultInjector RequireRunning()
    {
        if (_phase is not (RunPhase.Running or RunPhase.Draining) || _faults is null || _clock is null)
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
        var probe = _scenario! with
        {
            Subnets = plans.Select(p => p.Spec with { Nodes = p.Nodes.Count }).ToList(),
            Faults = [fault with { AtSeconds = 0 }],
        };
        const string prefix = "$.faults[0]";
        var problems = ScenarioValidator.Validate(probe)
            .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p with { Path = "$" + p.Path[prefix.Length..] })
            .ToList();
        if (problems.Count > 0)
        {
            throw new ScenarioException(null, problems);
        }

        return fault.Subnet is null ? 0 : plans.ToList().FindIndex(p => p.Id.Value == fault.Subnet);
    }
}
