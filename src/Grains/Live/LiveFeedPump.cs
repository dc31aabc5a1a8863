using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Live;

namespace OrleansGossip.Grains.Live;

/// <summary>
/// Ships this silo's live telemetry: it asks the <see cref="ILiveFeedGrain"/> which runs are watched (every
/// <see cref="LiveFeedOptions.WatchPollInterval"/>), tells the silo's <see cref="LiveTelemetry"/>, and every
/// <see cref="LiveFeedOptions.BatchInterval"/> sends each watched run's batch to the observers that watch it. With
/// nothing watched it only asks.
/// </summary>
public sealed partial class LiveFeedPump(
    LiveTelemetry live,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    TimeProvider wall,
    IOptions<LiveFeedOptions> options,
    ILogger<LiveFeedPump> logger) : BackgroundService
{
    private IReadOnlyList<LiveWatch> _watches = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextPoll = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(settings.BatchInterval, wall);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = wall.GetUtcNow();
            if (now >= nextPoll)
            {
                nextPoll = now + settings.WatchPollInterval;
                await PollAsync().ConfigureAwait(false);
            }

            if (live.AnyWatched)
            {
                Ship();
            }
        }
    }

    private async Task PollAsync()
    {
        try
        {
            _watches = await grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).GetWatchesAsync().ConfigureAwait(false);
            live.SetWatched(_watches.SelectMany(w => w.RunIds));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPollFailed(logger, e);
        }
    }

    private void Ship()
    {
        foreach (var buffer in live.Watched)
        {
            var batch = buffer.Take(silo.Name);
            if (batch.IsEmpty)
            {
                continue;
            }

            foreach (var watch in _watches)
            {
                if (watch.RunIds.Contains(buffer.RunId))
                {
                    try
                    {
                        _ = watch.Observer.OnBatchAsync(batch);
                    }
                    catch (Exception e)
                    {
                        LogSendFailed(logger, e, buffer.RunId);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask which runs are watched")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send live telemetry of run {RunId}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string runId);
}
