using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Live;

namespace OrleansGossip.Grains.Live;

/// <summary>Keeps the dashboards' watch leases, in memory: a dashboard renews its lease well within its time.</summary>
public sealed class LiveFeedGrain(TimeProvider wall, IOptions<LiveFeedOptions> options) : Grain, ILiveFeedGrain
{
    private readonly Dictionary<ILiveFeedObserver, Lease> _leases = [];

    public Task WatchAsync(ILiveFeedObserver observer, IReadOnlyList<string> runIds)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (runIds.Count == 0)
        {
            _leases.Remove(observer);
        }
        else
        {
            _leases[observer] = new Lease(runIds.Distinct(StringComparer.Ordinal).ToList(), wall.GetUtcNow() + options.Value.WatchLease);
        }

        return Task.CompletedTask;
    }

    public Task UnwatchAsync(ILiveFeedObserver observer)
    {
        _leases.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LiveWatch>> GetWatchesAsync()
    {
        var now = wall.GetUtcNow();
        foreach (var expired in _leases.Where(l => l.Value.ExpiresUtc <= now).Select(l => l.Key).ToList())
        {
            _leases.Remove(expired);
        }

        IReadOnlyList<LiveWatch> watches = _leases.Select(l => new LiveWatch(l.Key, l.Value.RunIds)).ToList();
        return Task.FromResult(watches);
    }

    private sealed record Lease(IReadOnlyList<string> RunIds, DateTimeOffset ExpiresUtc);
}
