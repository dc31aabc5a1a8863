using System.Globalization;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// The checks a fault or a behaviour change from outside a run passes, given through the API while the run goes on or
/// read from an event log to replay: each problem at <c>path</c> and the field at fault.
/// </summary>
internal static class OutsideEventChecks
{
    /// <summary>
    /// The problems of <paramref name="fault"/>, checked as the scenario validator checks a scenario's faults, against
    /// <paramref name="subnets"/> (the subnets as they are, or may become).
    /// </summary>
    public static IEnumerable<ScenarioProblem> Fault(ScenarioSpec scenario, IReadOnlyList<SubnetSpec> subnets, FaultSpec fault, string path)
    {
        const string prefix = "$.faults[0]";
        var probe = scenario with { Subnets = subnets, Faults = [fault with { AtSeconds = 0 }] };
        return ScenarioValidator.Validate(probe)
            .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p with { Path = path + p.Path[prefix.Length..] });
    }

    /// <summary>
    /// The problems of giving the node at <paramref name="node"/> of <paramref name="subnet"/> (of <paramref name="subnets"/>
    /// by id and node count) a behaviour it can take while it runs; <paramref name="parsed"/> the behaviour when it is one.
    /// </summary>
    public static List<ScenarioProblem> Behaviour(
        IReadOnlyList<(string Id, int Nodes)> subnets, string where, string subnet, int node, string behaviour, double? fraction, string path, out NodeBehaviour parsed)
    {
        var problems = new List<ScenarioProblem>();
        var s = subnets.ToList().FindIndex(p => p.Id == subnet);
        if (s < 0)
        {
            problems.Add(new ScenarioProblem(path + ".subnet", null, $"no subnet '{subnet}' in {where}"));
        }
        else if (node < 0 || node >= subnets[s].Nodes)
        {
            problems.Add(new ScenarioProblem(path + ".node", null, $"node index {node} is outside the subnet's 0..{subnets[s].Nodes - 1}"));
        }

        if (!NodeBehaviours.TryParse(behaviour, out parsed))
        {
            problems.Add(new ScenarioProblem(path + ".behaviour", null, $"unknown behaviour '{behaviour}'; expected one of honest, withhold, corrupt, slow"));
        }
        else if (parsed is not (NodeBehaviour.Honest or NodeBehaviour.Withhold or NodeBehaviour.Corrupt or NodeBehaviour.Slow))
        {
            problems.Add(new ScenarioProblem(path + ".behaviour", null, $"'{parsed.WireName()}' is given in the scenario only; while a run goes on a node can be honest, withhold, corrupt or slow"));
        }
        else if (parsed == NodeBehaviour.Slow && fraction is not (> 0 and < 1))
        {
            problems.Add(new ScenarioProblem(path + ".fraction", null, $"a slow node needs the share of its bandwidth it serves at, above 0 and below 1, not {fraction?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
        }

        return problems;
    }
}
