using System.Globalization;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Checks an event log to replay against its scenario before anything starts: each event within the run's time, each
/// fault as the scenario's own are checked, each behaviour and submission naming a subnet, node and kind the run has.
/// Problems carry paths from the log (<c>$.replay[3].fault.nodes[0]</c>).
/// </summary>
internal static class ReplayValidator
{
    public static IReadOnlyList<ScenarioProblem> Validate(ScenarioSpec scenario, IReadOnlyList<RunEvent> replay)
    {
        var problems = new List<ScenarioProblem>();
        var endMs = (scenario.DurationSeconds + scenario.DrainSeconds) * 1000;

        // Nodes added while the run goes on may be named by later events: count every node a subnet may have.
        var added = replay.OfType<FaultRunEvent>().Select(e => e.Fault).Concat(scenario.Faults)
            .Where(f => f.Kind == "add-node")
            .GroupBy(f => f.Subnet ?? scenario.Subnets[0].Id)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Count ?? 0));
        var subnets = scenario.Subnets.Select(s => s with { Nodes = s.Nodes + added.GetValueOrDefault(s.Id) }).ToList();
        var sizes = subnets.Select(s => (s.Id, s.Nodes)).ToList();
        for (var i = 0; i < replay.Count; i++)
        {
            var path = $"$.replay[{i}]";
            var replayed = replay[i];
            if (!(replayed.AtMs >= 0 && replayed.AtMs <= endMs))
            {
                problems.Add(new(path + ".atMs", null, string.Create(CultureInfo.InvariantCulture, $"must be within the run, from 0 to {endMs} ms, not {replayed.AtMs}")));
            }

            switch (replayed)
            {
                case FaultRunEvent fault:
                    problems.AddRange(OutsideEventChecks.Fault(scenario, subnets, fault.Fault, path + ".fault"));
                    break;
                case BehaviourRunEvent behaviour:
                    problems.AddRange(OutsideEventChecks.Behaviour(sizes, "the scenario", behaviour.Subnet, behaviour.Node, behaviour.Behaviour, behaviour.Fraction, path, out _));
                    break;
                case SubmissionRunEvent submission:
                    if (!subnets.Exists(s => Enumerable.Range(0, s.Nodes).Any(n => SubnetPlan.NodeName(s.Id, n) == submission.Node)))
                    {
                        problems.Add(new(path + ".node", null, $"the scenario has no node '{submission.Node}'"));
                    }

                    if (!ArtifactKinds.TryParse(submission.ArtifactKind, out var kind))
                    {
                        problems.Add(new(path + ".artifactKind", null, $"unknown artifact kind '{submission.ArtifactKind}'"));
                    }
                    else if (submission.Size < 0 || (submission.Content?.Length ?? submission.Size) > kind.MaxSize())
                    {
                        problems.Add(new(path + ".size", null, $"a {kind.WireName()} is from 0 to {kind.MaxSize()} bytes, not {submission.Content?.Length ?? submission.Size}"));
                    }

                    break;
            }
        }

        return problems;
    }
}
