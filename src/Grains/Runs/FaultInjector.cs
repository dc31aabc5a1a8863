using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Reports;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Applies a run's timed faults at their emulated time, and the crashes and restarts of nodes whose behaviour is
/// <c>crash</c>, through the one mechanism the faults use: controls to the nodes, due at the fault's exact time, sent
/// before the window it falls in begins. It keeps what the faults changed: the links cut per
/// subnet (a <c>heal</c> restores them all), the nodes down (crashed) and the nodes removed, and the plans, which
/// grow with added nodes. Every applied fault becomes a <see cref="FaultEvent"/> for the report.
/// <list type="bullet">
/// <item><c>partition</c>: every link between nodes of different groups is cut, both directions.</item>
/// <item><c>heal</c>: every link cut in the subnet is restored; each end sends the other what it missed.</item>
/// <item><c>cut-link</c> / <c>heal-link</c>: one link, both directions.</item>
/// <item><c>loss-burst</c>: every node's links lose messages with the burst's probability for its duration, then
/// their configured loss returns.</item>
/// <item><c>crash</c> / <c>restart</c>: see <see cref="CrashNode"/> and <see cref="RestartNode"/>.</item>
/// <item><c>add-node</c>: new honest nodes, named after their index, enter the registry and are configured into the
/// run; they catch up with what their peers hold.</item>
/// <item><c>remove-node</c>: the nodes leave the registry, so their peers drop them.</item>
/// </list>
/// </summary>
public sealed partial class FaultInjector
{
    private const string LossRestore = "loss-restore";

    private readonly IGrainFactory _grains;
    private readonly string _runId;
    private readonly ControlSender _controls;
    private readonly Func<int, SubnetPlan, int, Task> _addNode;
    private readonly ILogger _logger;
    private readonly List<SubnetPlan> _plans;
    private readonly SubnetFaultState[] _state;

    /// <summary>Each subnet's faults still to come, in time order: a subnet asks for its own every window.</summary>
    private readonly List<Scheduled>[] _pending;
    private readonly List<FaultEvent> _events = [];
    private long _order;

    /// <param name="addNode">Configures the node at an index of a plan into the run, given the plan's subnet index.</param>
    internal FaultInjector(
        IGrainFactory grains,
        string runId,
        ScenarioSpec scenario,
        IReadOnlyList<SubnetPlan> plans,
        ControlSender controls,
        Func<int, SubnetPlan, int, Task> addNode,
        ILogger logger)
    {
        _grains = grains;
        _runId = runId;
        _controls = controls;
        _addNode = addNode;
        _logger = logger;
        _plans = [.. plans];
        _state = plans.Select(_ => new SubnetFaultState()).ToArray();
        _pending = plans.Select(_ => new List<Scheduled>()).ToArray();

        for (var s = 0; s < plans.Count; s++)
        {
            var plan = plans[s];
            for (var i = 0; i < plan.Nodes.Count; i++)
            {
                if (plan.Behaviours[i] == NodeBehaviour.Crash && plan.AssignmentOf(i) is { AtSeconds: { } at } assignment)
                {
                    Schedule(s, new FaultSpec { Kind = "crash", AtSeconds = at, Nodes = [i] }, behaviour: true);
                    if (assignment.RestartAtSeconds is { } restart)
                    {
                        Schedule(s, new FaultSpec { Kind = "restart", AtSeconds = restart, Nodes = [i] }, behaviour: true);
                    }
                }
            }
        }

        foreach (var fault in scenario.Faults ?? [])
        {
            var subnet = fault.Subnet is null ? 0 : _plans.FindIndex(p => p.Id.Value == fault.Subnet);
            if (subnet >= 0)
            {
                Schedule(subnet, fault, behaviour: false);
            }
        }
    }

    /// <summary>The subnets' plans, with the nodes added so far.</summary>
    public IReadOnlyList<SubnetPlan> Plans => _plans;

    /// <summary>The faults applied so far, in time order.</summary>
    public IReadOnlyList<FaultEvent> Events => _events;

    /// <summary>True while some fault of subnet <paramref name="subnet"/> (or the end of a loss burst) is still to come.</summary>
    public bool HasPending(int subnet) => _pending[subnet].Count > 0;

    /// <summary>When subnet <paramref name="subnet"/>'s next fault is due (emulated ms); null when none is.</summary>
    public double? NextAtMs(int subnet) => _pending[subnet] is [var next, ..] ? next.AtMs : null;

    /// <summary>True when <paramref name="node"/> runs: neither crashed nor removed.</summary>
    public bool IsUp(int subnet, NodeId node) => !_state[subnet].Crashed.Contains(node) && !_state[subnet].Removed.Contains(node);

    /// <summary>
    /// How many of the subnet's nodes should receive what is made now, its maker included: the members that run, and
    /// those down now that are due to restart (they catch up then).
    /// </summary>
    public int ExpectedReceivers(int subnet)
    {
        var state = _state[subnet];
        var plan = _plans[subnet];
        if (state.Removed.Count == 0 && state.Crashed.Count == 0)
        {
            return plan.Nodes.Count; // Asked for every artifact the workload makes: no walk while nothing is down.
        }

        return plan.Nodes.Count(n => !state.Removed.Contains(n) && (!state.Crashed.Contains(n) || RestartPending(subnet, plan.IndexOf(n))));
    }

    private bool RestartPending(int subnet, int index) =>
        _pending[subnet].Exists(p => p.Fault.Kind == "restart" && p.Fault.Nodes?.Contains(index) == true);

    /// <summary>
    /// Where an artifact the workload made for <paramref name="planned"/> enters: that node if it runs, else the next
    /// honest node of the subnet that runs (in plan order); null when none does.
    /// </summary>
    public NodeId? EntryFor(int subnet, NodeId planned)
    {
        if (IsUp(subnet, planned))
        {
            return planned;
        }

        var plan = _plans[subnet];
        var start = Math.Max(0, plan.IndexOf(planned));
        for (var k = 1; k <= plan.Nodes.Count; k++)
        {
            var i = (start + k) % plan.Nodes.Count;
            if (plan.Behaviours[i] == NodeBehaviour.Honest && IsUp(subnet, plan.Nodes[i]))
            {
                return plan.Nodes[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Applies, in time order, every fault of subnet <paramref name="subnet"/> due before <paramref name="untilMs"/>
    /// (emulated milliseconds since the epoch), or at it too when <paramref name="inclusive"/>.
    /// </summary>
    public async Task ApplyDueAsync(int subnet, double untilMs, bool inclusive = false)
    {
        var pending = _pending[subnet];
        while (pending is [var due, ..] && (due.AtMs < untilMs || (inclusive && due.AtMs <= untilMs)))
        {
            pending.RemoveAt(0);
            var plan = _plans[due.Subnet];
            string description;
            try
            {
                description = await ApplyAsync(due);
            }
            catch (Exception e)
            {
                LogFaultFailed(_logger, e, due.Fault.Kind, plan.Id.Value, _runId);
                description = $"{due.Fault.Kind} failed: {e.Message}";
            }

            if (due.Fault.Kind != LossRestore)
            {
                _events.Add(new FaultEvent(due.AtMs / 1000, due.Fault.Kind, plan.Id.Value, description));
                LogFaultApplied(_logger, _runId, due.AtMs / 1000, description);
            }
        }
    }

    /// <summary>
    /// Takes up a run again after its grain lost its memory (its silo stopped): the faults recorded so far stand as
    /// <paramref name="events"/>, and the scheduled ones due by <paramref name="untilMs"/> count as applied. What they did
    /// to the subnets' bookkeeping (nodes down, links cut, nodes added) is not restored.
    /// </summary>
    public void Resume(IEnumerable<FaultEvent> events, double untilMs)
    {
        _events.Clear();
        _events.AddRange(events);
        foreach (var pending in _pending)
        {
            pending.RemoveAll(p => p.AtMs <= untilMs);
        }
    }

    /// <summary>Schedules a fault given while the run goes on (through the gateway, or replayed) for <paramref name="atMs"/>; <see cref="ApplyDueAsync"/> applies it.</summary>
    public void ScheduleAt(int subnet, FaultSpec fault, double atMs) =>
        Schedule(subnet, fault with { AtSeconds = atMs / 1000 }, behaviour: false, atMs);

    /// <summary>Records that the node at <paramref name="index"/> of a subnet behaves as <paramref name="behaviour"/> from <paramref name="atMs"/> on.</summary>
    public FaultEvent RecordBehaviour(int subnet, int index, NodeBehaviour behaviour, double atMs)
    {
        var plan = _plans[subnet];
        var behaviours = plan.Behaviours.ToArray();
        behaviours[index] = behaviour;
        _plans[subnet] = plan with { Behaviours = behaviours };
        var fault = new FaultEvent(atMs / 1000, "set-behaviour", plan.Id.Value, $"set-behaviour {plan.Id}: {plan.Nodes[index]} is {behaviour.WireName()}");
        _events.Add(fault);
        LogFaultApplied(_logger, _runId, fault.AtSeconds, fault.Description);
        return fault;
    }

    /// <summary>
    /// Queues <paramref name="fault"/> for <paramref name="atMs"/>, by default its own time. A time given in
    /// milliseconds is kept as it is: seconds and back may round it up past the now it was meant for.
    /// </summary>
    private void Schedule(int subnet, FaultSpec fault, bool behaviour, double? atMs = null)
    {
        var scheduled = new Scheduled(atMs ?? fault.AtSeconds * 1000, _order++, subnet, fault, behaviour);
        var pending = _pending[subnet];
        var at = pending.FindIndex(p => p.AtMs > scheduled.AtMs);
        pending.Insert(at < 0 ? pending.Count : at, scheduled);
    }

    private async Task<string> ApplyAsync(Scheduled due)
    {
        var fault = due.Fault;
        var s = due.Subnet;
        var at = due.AtMs;
        var plan = _plans[s];
        var state = _state[s];
        NodeId At(int index) => plan.Nodes[index];
        string Names(IEnumerable<NodeId> nodes) => string.Join(", ", nodes);
        var by = due.Behaviour ? " (its behaviour)" : "";

        switch (fault.Kind)
        {
            case "partition":
            {
                var groups = fault.Groups!.Select(g => g.Select(At).ToList()).ToList();
                var calls = new List<Task>();
                for (var g = 0; g < groups.Count; g++)
                {
                    var others = groups.Where((_, h) => h != g).SelectMany(n => n).ToList();
                    foreach (var node in groups[g])
                    {
                        foreach (var other in others)
                        {
                            state.Cut.Add((node, other));
                        }

                        calls.Add(_controls.SendAsync(node, at, new SetLinks(others, Up: false)));
                    }
                }

                await Task.WhenAll(calls);
                return $"partition {plan.Id}: {string.Join(" | ", groups.Select(g => $"[{Names(g)}]"))}";
            }

            case "heal":
            {
                var links = state.Cut.Count / 2;
                var calls = state.Cut.GroupBy(c => c.From)
                    .OrderBy(g => g.Key)
                    .Select(g => _controls.SendAsync(g.Key, at, new SetLinks(g.Select(c => c.To).Order().ToList(), Up: true)))
                    .ToList();
                state.Cut.Clear();
                await Task.WhenAll(calls);
                return $"heal {plan.Id}: {links} cut link(s) restored";
            }

            case "cut-link" or "heal-link":
            {
                var up = fault.Kind == "heal-link";
                var (a, b) = (At(fault.From!.Value), At(fault.To!.Value));
                if (up)
                {
                    state.Cut.Remove((a, b));
                    state.Cut.Remove((b, a));
                }
                else
                {
                    state.Cut.Add((a, b));
                    state.Cut.Add((b, a));
                }

                await Task.WhenAll(_controls.SendAsync(a, at, new SetLinks([b], up)), _controls.SendAsync(b, at, new SetLinks([a], up)));
                return $"{fault.Kind} {plan.Id}: {a} - {b}";
            }

            case "loss-burst":
            {
                var loss = fault.Loss!.Value;
                var duration = fault.DurationSeconds!.Value;
                await _controls.SendAsync(plan.Nodes.Where(n => !state.Removed.Contains(n)), at, new SetLoss(loss));
                Schedule(s, new FaultSpec { Kind = LossRestore, AtSeconds = (at / 1000) + duration }, due.Behaviour, at + (duration * 1000));
                return string.Create(CultureInfo.InvariantCulture, $"loss-burst {plan.Id}: loss {loss} on every link for {duration} s");
            }

            case LossRestore:
                await _controls.SendAsync(plan.Nodes.Where(n => !state.Removed.Contains(n)), at, new SetLoss(null));
                return $"loss-burst {plan.Id} over";

            case "crash":
            {
                var nodes = fault.Nodes!.Select(At).Where(n => !state.Removed.Contains(n) && state.Crashed.Add(n)).ToList();
                await _controls.SendAsync(nodes, at, new CrashNode());
                return $"crash {plan.Id}: {Names(nodes)}{by}";
            }

            case "restart":
            {
                var nodes = fault.Nodes!.Select(At).Where(n => !state.Removed.Contains(n) && state.Crashed.Remove(n)).ToList();
                await _controls.SendAsync(nodes, at, new RestartNode());
                return $"restart {plan.Id}: {Names(nodes)}{by}";
            }

            case "add-node":
            {
                var registry = _grains.GetGrain<IRegistryGrain>(_runId);
                var added = new List<NodeId>();
                for (var k = 0; k < fault.Count!.Value; k++)
                {
                    plan = plan.WithAddedNode();
                    var index = plan.Nodes.Count - 1;
                    await registry.AddNodeAsync(NodeConfigurator.RecordFor(plan, index));
                    await _addNode(s, plan, index);
                    // Only now one of the run's nodes: until it is set up, the run has no configuration to resume it with.
                    _plans[s] = plan;
                    added.Add(plan.Nodes[index]);
                }

                await _controls.SendAsync(added, at, new StartNode());
                await AnnounceMembershipAsync(plan, at, []);
                return $"add-node {plan.Id}: {Names(added)}";
            }

            case "remove-node":
            {
                var registry = _grains.GetGrain<IRegistryGrain>(_runId);
                var removed = new List<NodeId>();
                foreach (var node in fault.Nodes!.Select(At))
                {
                    if (state.Removed.Add(node))
                    {
                        state.Crashed.Remove(node);
                        await registry.RemoveNodeAsync(node);
                        removed.Add(node);
                    }
                }

                await AnnounceMembershipAsync(plan, at, removed);
                return $"remove-node {plan.Id}: {Names(removed)}";
            }

            default:
                throw new InvalidOperationException($"unknown fault '{fault.Kind}'");
        }
    }

    /// <summary>Tells the subnet's members (and those leaving) of the registry's new version for it, at <paramref name="atMs"/>.</summary>
    private async Task AnnounceMembershipAsync(SubnetPlan plan, double atMs, IReadOnlyList<NodeId> leaving)
    {
        var membership = await _grains.GetGrain<IRegistryGrain>(_runId).GetMembershipAsync(plan.Id);
        await _controls.SendAsync(membership.Members.Select(m => m.Id).Concat(leaving).Distinct(), atMs, new ChangeMembership(membership));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} at {AtSeconds} s: {Description}")]
    private static partial void LogFaultApplied(ILogger logger, string runId, double atSeconds, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault {Kind} on subnet {Subnet} of run {RunId} could not be applied")]
    private static partial void LogFaultFailed(ILogger logger, Exception exception, string kind, string subnet, string runId);

    private sealed record Scheduled(double AtMs, long Order, int Subnet, FaultSpec Fault, bool Behaviour);

    private sealed class SubnetFaultState
    {
        public HashSet<(NodeId From, NodeId To)> Cut { get; } = [];

        public HashSet<NodeId> Crashed { get; } = [];

        public HashSet<NodeId> Removed { get; } = [];
    }
}
