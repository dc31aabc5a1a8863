using Microsoft.Extensions.Logging;
using OrleansGossip.Abstractions.Engine;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Engine;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// How a run takes each of its subnets through emulated time: window after window, each begun at the earliest event
/// any of the subnet's nodes, its workload, its faults or the outside has next, and never before its pace allows.
/// </summary>
public sealed partial class RunGrain
{
    private async Task DriveAsync(SubnetCoordinator subnet)
    {
        try
        {
            await DriveWindowsAsync(subnet);
        }
        finally
        {
            subnet.Stop();
        }
    }

    private async Task DriveWindowsAsync(SubnetCoordinator subnet)
    {
        var scenario = _scenario!;
        var durationTicks = VirtualClock.TicksAtOrAfter(scenario.DurationSeconds * 1000);
        var drainEndTicks = VirtualClock.TicksAtOrAfter((scenario.DurationSeconds + scenario.DrainSeconds) * 1000);
        while (!subnet.Done && !_stopping)
        {
            var next = Math.Min(Math.Min(subnet.NextNodeTicks, subnet.ForcedTicks), NextFromRunTicks(subnet));
            if (next >= drainEndTicks)
            {
                if (PaceWait(drainEndTicks) is { Ticks: > 0 } idle)
                {
                    // Nothing is due before the end, but a paced run takes what comes from outside until then.
                    await subnet.PauseAsync(idle, wall);
                    continue;
                }

                subnet.Reach(drainEndTicks);
                subnet.Done = true;
                break;
            }

            var start = Math.Max(subnet.WindowStartOf(next), subnet.ReachedTicks);
            var end = start + subnet.WindowTicks;
            if (PaceWait(start) is { Ticks: > 0 } wait)
            {
                await subnet.PauseAsync(wait, wall);
                continue;
            }

            if (subnet.Held)
            {
                await subnet.PauseAsync(Timeout.InfiniteTimeSpan, wall);
                continue;
            }

            // From here on, what comes from outside lands after this window; what landed in it is taken by it.
            if (subnet.ForcedTicks < end)
            {
                subnet.ForcedTicks = long.MaxValue;
            }

            subnet.InWindowEndTicks = end;
            var endMs = end / (double)TimeSpan.TicksPerMillisecond;
            await LandDueAsync(subnet, endMs);
            subnet.Record(await RunWindowAsync(subnet, start, end));
            subnet.InWindowEndTicks = null;
            subnet.Reach(end);
            if (end >= drainEndTicks || (end >= durationTicks && Drained(subnet)))
            {
                subnet.Done = true;
            }

            if (end >= durationTicks && !subnet.PastWorkload)
            {
                subnet.PastWorkload = true;
                if (++_subnetsPastWorkload == _subnets.Length && _phase == RunPhase.Running)
                {
                    _phase = RunPhase.Draining;
                }
            }
        }
    }

    /// <summary>How long the run's pace holds back a window that starts at <paramref name="startTicks"/>; zero when unpaced or due.</summary>
    private TimeSpan PaceWait(long startTicks)
    {
        var timeScale = _scenario!.TimeScale;
        return timeScale > 0 ? _wallStart + TimeSpan.FromTicks((long)(startTicks * timeScale)) - wall.GetUtcNow() : TimeSpan.Zero;
    }

    /// <summary>When the run itself has the subnet's next event: workload, a fault, or a replayed outside event.</summary>
    private long NextFromRunTicks(SubnetCoordinator subnet)
    {
        var next = Math.Min(_workload!.NextAtMs(subnet.Index) ?? double.PositiveInfinity, _faults!.NextAtMs(subnet.Index) ?? double.PositiveInfinity);
        if (_toReplay[subnet.Index] is [var first, ..])
        {
            next = Math.Min(next, first.AtMs);
        }

        return double.IsPositiveInfinity(next) ? long.MaxValue : VirtualClock.TicksAtOrAfter(next);
    }

    /// <summary>
    /// A subnet without consensus is drained once its workload is over, every artifact reached every node that should
    /// have it and nothing is still to come; a node that lost its state receives again what it had, so the count no
    /// longer tells, and the subnet drains to its end.
    /// </summary>
    private bool Drained(SubnetCoordinator subnet) =>
        _scenario!.Workload?.Consensus is null
        && subnet.Deliveries >= subnet.Expected
        && _workload!.NextAtMs(subnet.Index) is null
        && !_faults!.HasPending(subnet.Index)
        && _toReplay[subnet.Index].Count == 0
        && !_nodesRestored;

    /// <summary>
    /// Sends the subnet's nodes what the run has for them before <paramref name="endMs"/>: replayed outside events, then
    /// the workload's artifacts and the faults in time order (each artifact at its node, or at the next honest one that
    /// runs when that node is down). Every member that runs when an artifact is made, or is down and due to restart,
    /// should receive it.
    /// </summary>
    private async Task LandDueAsync(SubnetCoordinator subnet, double endMs)
    {
        var replay = _toReplay[subnet.Index];
        while (replay is [var first, ..] && first.AtMs < endMs)
        {
            replay.RemoveAt(0);
            await LandAsync(subnet, first);
        }

        var submissions = new List<Task>();
        foreach (var planned in _workload!.TakeDue(subnet.Index, endMs))
        {
            // The faults before it first, so that it enters where it would then: a crashed node takes nothing.
            if (_faults!.NextAtMs(subnet.Index) <= planned.AtMs)
            {
                await _faults.ApplyDueAsync(subnet.Index, planned.AtMs, inclusive: true);
                TakeAddedNodes(subnet);
            }

            if (_faults.EntryFor(subnet.Index, planned.Node) is not { } entry)
            {
                continue;
            }

            submissions.Add(_controls!.SendAsync(entry, planned.AtMs, new SubmitArtifact(planned.Artifact)));
            Created(subnet);
        }

        await Task.WhenAll(submissions);
        await _faults!.ApplyDueAsync(subnet.Index, endMs);
        TakeAddedNodes(subnet);
    }

    private void Created(SubnetCoordinator subnet)
    {
        _created++;
        subnet.Created++;
        subnet.Expected += _faults!.ExpectedReceivers(subnet.Index) - 1;
    }

    /// <summary>A node added to a subnet should receive what the subnet made before it joined too (it catches up).</summary>
    private void TakeAddedNodes(SubnetCoordinator subnet)
    {
        var plan = _faults!.Plans[subnet.Index];
        if (!ReferenceEquals(plan, subnet.Plan))
        {
            subnet.Expected += (plan.Nodes.Count - subnet.Plan.Nodes.Count) * subnet.Created;
            subnet.Plan = plan;
            _plans = _faults.Plans.ToList();
        }
    }

    /// <summary>Asks every silo with nodes of the subnet to take the window; a silo that is gone is dropped from the subnet's.</summary>
    private async Task<WindowOutcome> RunWindowAsync(SubnetCoordinator subnet, long start, long end)
    {
        if (subnet.Silos.Count == 1)
        {
            return await RunWindowOnAsync(subnet, subnet.Silos.Min!, start, end);
        }

        var silos = subnet.Silos.ToList();
        var outcomes = await Task.WhenAll(silos.Select(silo => RunWindowOnAsync(subnet, silo, start, end)));
        var joined = WindowOutcome.Idle;
        foreach (var outcome in outcomes)
        {
            joined = joined.Join(outcome);
        }

        return joined;
    }

    private async Task<WindowOutcome> RunWindowOnAsync(SubnetCoordinator subnet, string silo, long start, long end)
    {
        if (silo == engine.SiloKey)
        {
            return await engine.RunWindowAsync(RunId, subnet.Plan.Id, start, end);
        }

        try
        {
            return await GrainFactory.GetGrain<IEngineGrain>(silo).RunWindowAsync(RunId, subnet.Plan.Id, start, end);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // Its nodes resume on other silos with the next call for them, and say where (ReportNodeRestoredAsync).
            subnet.Silos.Remove(silo);
            LogSiloGone(logger, e, RunId, silo);
            return WindowOutcome.Idle;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: silo {Silo} no longer takes windows; its nodes resume elsewhere")]
    private static partial void LogSiloGone(ILogger logger, Exception exception, string runId, string silo);
}
