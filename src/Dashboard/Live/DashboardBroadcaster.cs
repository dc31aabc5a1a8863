using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Dashboard.Hubs;

namespace OrleansGossip.Dashboard.Live;

/// <summary>
/// Sends each watching browser its aggregate, at most once per its interval (at least
/// <see cref="GossipDashboardOptions.MinUpdateInterval"/>) and never while its previous update is still being sent;
/// an aggregate is built once per tick for all the browsers that watch the same thing. It reads the watched runs'
/// status and registry every <see cref="GossipDashboardOptions.StatusInterval"/>. With nobody watching it sleeps.
/// </summary>
public sealed partial class DashboardBroadcaster(
    IHubContext<PropagationHub, IPropagationClient> hub,
    IGrainFactory grains,
    DashboardRuns runs,
    DashboardWatchers watchers,
    TimeProvider wall,
    IOptions<GossipDashboardOptions> options,
    ILogger<DashboardBroadcaster> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextStatus = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!watchers.Any)
            {
                await watchers.WaitForChangeAsync(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false);
                continue;
            }

            runs.Sync(watchers.RunIds);
            var now = wall.GetUtcNow();
            if (now >= nextStatus || runs.All.Any(r => r.Status is null))
            {
                nextStatus = now + options.Value.StatusInterval;
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }

            Send(now);
            await watchers.WaitForChangeAsync(Tick, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var view in runs.All)
        {
            try
            {
                var status = await grains.GetGrain<IRunGrain>(view.RunId).GetStatusAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                RegistrySnapshot? registry = null;
                if (status.Progress.Phase != RunPhase.NotStarted)
                {
                    registry = await grains.GetGrain<IRegistryGrain>(view.RunId).GetSnapshotAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                view.SetStatus(status, registry);
                view.RecordHeights();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e, view.RunId);
            }
        }
    }

    private void Send(DateTimeOffset now)
    {
        var built = new Dictionary<(string Run, string? Subnet), object>();
        foreach (var watch in watchers.All)
        {
            if (now < watch.NextDueUtc || watch.InFlight is { IsCompleted: false } || runs.Get(watch.RunId) is not { Status: not null } view)
            {
                continue;
            }

            if (!built.TryGetValue((watch.RunId, watch.Subnet), out var update))
            {
                update = watch.Subnet is null ? view.BuildOverview() : view.BuildSubnet(watch.Subnet);
                built[(watch.RunId, watch.Subnet)] = update;
            }

            watch.NextDueUtc = now + watch.Interval;
            var client = hub.Clients.Client(watch.ConnectionId);
            watch.InFlight = update switch
            {
                Contracts.SubnetUpdate subnet => client.Subnet(subnet),
                Contracts.OverviewUpdate overview => client.Overview(overview),
                _ => Task.CompletedTask,
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the status of run {RunId}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string runId);
}
