using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Live;

namespace OrleansGossip.Dashboard.Live;

/// <summary>
/// The dashboard's end of the live feed: an Orleans observer that takes the silos' batches into the watched runs'
/// views, and keeps the cluster's watch lease to exactly the runs some browser watches, renewing it while they do and
/// ending it as soon as nobody watches.
/// </summary>
public sealed partial class LiveFeedSubscriber(
    IGrainFactory grains,
    DashboardRuns runs,
    DashboardWatchers watchers,
    IOptions<GossipDashboardOptions> options,
    ILogger<LiveFeedSubscriber> logger) : BackgroundService, ILiveFeedObserver
{
    private ILiveFeedObserver? _reference;
    private List<string> _leased = [];

    public Task OnBatchAsync(LiveBatch batch)
    {
        runs.Get(batch.RunId)?.Ingest(batch);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewal = options.Value.LeaseRenewal;
        var renewAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wanted = watchers.RunIds.Order(StringComparer.Ordinal).ToList();
            runs.Sync(wanted);
            var now = DateTimeOffset.UtcNow;
            if (!wanted.SequenceEqual(_leased) || (wanted.Count > 0 && now >= renewAt))
            {
                try
                {
                    var feed = grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
                    _reference ??= grains.CreateObjectReference<ILiveFeedObserver>(this);
                    if (wanted.Count > 0)
                    {
                        await feed.WatchAsync(_reference, wanted).ConfigureAwait(false);
                    }
                    else
                    {
                        await feed.UnwatchAsync(_reference).ConfigureAwait(false);
                    }

                    _leased = wanted;
                    renewAt = now + renewal;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLeaseFailed(logger, e);
                    renewAt = now + TimeSpan.FromSeconds(1);
                }
            }

            // With nothing watched nor leased, sleep until a browser watches; else until the lease is due for renewal.
            var wait = wanted.Count > 0 || _leased.Count > 0
                ? TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, (renewAt - DateTimeOffset.UtcNow).Ticks))
                : Timeout.InfiniteTimeSpan;
            await watchers.WaitForChangeAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_reference is not null && _leased.Count > 0)
        {
            try
            {
                await grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).UnwatchAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLeaseFailed(logger, e);
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the dashboard's watch lease")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception);
}
