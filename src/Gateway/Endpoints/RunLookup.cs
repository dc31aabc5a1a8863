using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Gateway.Problems;

namespace OrleansGossip.Gateway.Endpoints;

/// <summary>Finds runs and their nodes for the endpoints, answering 404 with the field at fault when they do not exist.</summary>
public static class RunLookup
{
    /// <summary>A run that has been started (it may have completed since).</summary>
    public static async Task<(IRunGrain Run, RunStatus Status)> RequireRunAsync(IGrainFactory grains, string runId)
    {
        Ids.Name(runId, "run");
        var run = grains.GetGrain<IRunGrain>(runId);
        var status = await run.GetStatusAsync();
        if (status.Progress.Phase == RunPhase.NotStarted)
        {
            throw GatewayProblemException.NotFound("run", $"no run '{runId}'");
        }

        return (run, status);
    }

    /// <summary>The subnet and index of a node of the run.</summary>
    public static (RunSubnet Subnet, int Index) RequireNode(RunStatus status, string node, string field = "node")
    {
        Ids.Name(node, field);
        foreach (var subnet in status.Subnets)
        {
            for (var i = 0; i < subnet.Nodes.Count; i++)
            {
                if (subnet.Nodes[i] == node)
                {
                    return (subnet, i);
                }
            }
        }

        throw GatewayProblemException.NotFound(field, $"no node '{node}' in run '{status.Progress.RunId}'");
    }

    /// <summary>True when a run of that id goes on (its registry's changes then go through the run).</summary>
    public static async Task<bool> IsRunningAsync(IGrainFactory grains, string runId)
    {
        var progress = await grains.GetGrain<IRunGrain>(runId).GetProgressAsync();
        return progress.Phase is RunPhase.Running or RunPhase.Draining;
    }

    public static string Fingerprint(NodeId node) =>
        Abstractions.Artifacts.Hash128.Of(System.Text.Encoding.UTF8.GetBytes(node.Value)).ToString();
}
