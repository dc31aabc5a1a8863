using Microsoft.AspNetCore.SignalR;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Dashboard.Contracts;
using OrleansGossip.Dashboard.Live;

namespace OrleansGossip.Dashboard.Hubs;

/// <summary>
/// The propagation hub (<c>/hubs/propagation</c>). A browser lists the runs, then watches one run's subnet (or the
/// overview of its subnets) and receives aggregates at its own pace; leaving or disconnecting ends its watch, and the
/// cluster stops collecting for a run that nobody watches.
/// </summary>
public sealed class PropagationHub(IGrainFactory grains, DashboardWatchers watchers) : Hub<IPropagationClient>
{
    /// <summary>How many of the newest runs the page lists.</summary>
    public const int ListedRuns = 100;

    /// <summary>The newest runs, newest first, with their phase.</summary>
    public async Task<IReadOnlyList<RunEntry>> ListRuns()
    {
        var all = await grains.GetGrain<IRunIndexGrain>(IRunIndexGrain.Key).ListAsync();
        var runs = all.Skip(Math.Max(0, all.Count - ListedRuns)).ToList();
        var progress = await Task.WhenAll(runs.Select(r => grains.GetGrain<IRunGrain>(r.RunId).GetProgressAsync()));
        return runs
            .Select((r, i) => new RunEntry(r.RunId, r.Scenario, r.Protocol, r.StartedAtUtc, r.Subnets, progress[i].Phase.WireName()))
            .Reverse()
            .ToList();
    }

    /// <summary>Watches <paramref name="subnet"/> of a run, or with no subnet the overview of all its subnets.</summary>
    public void Watch(string runId, string? subnet)
    {
        if (string.IsNullOrWhiteSpace(runId) || runId.Length > 200)
        {
            throw new HubException("name a run to watch");
        }

        watchers.Watch(Context.ConnectionId, runId, string.IsNullOrWhiteSpace(subnet) ? null : subnet);
    }

    public void Unwatch() => watchers.Remove(Context.ConnectionId);

    /// <summary>Asks for updates at most every <paramref name="milliseconds"/> (never faster than the server's minimum).</summary>
    public void SetInterval(int milliseconds) => watchers.SetInterval(Context.ConnectionId, milliseconds);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
