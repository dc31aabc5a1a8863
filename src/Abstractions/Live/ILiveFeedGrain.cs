namespace OrleansGossip.Abstractions.Live;

/// <summary>
/// Who watches which runs live. A dashboard leases a watch for its observer and renews it while its browsers look;
/// each silo asks, at a slow pace, which runs are watched and ships their telemetry in aggregates straight to the
/// observers. While no lease is held, the silos' nodes record nothing for it. One per cluster, keyed by
/// <see cref="Key"/>.
/// </summary>
public interface ILiveFeedGrain : IGrainWithStringKey
{
    public const string Key = "live";

    /// <summary>Sets (or renews) what <paramref name="observer"/> watches, for the grain's lease time.</summary>
    Task WatchAsync(ILiveFeedObserver observer, IReadOnlyList<string> runIds);

    /// <summary>Ends <paramref name="observer"/>'s watch at once.</summary>
    Task UnwatchAsync(ILiveFeedObserver observer);

    /// <summary>The watches whose lease holds.</summary>
    Task<IReadOnlyList<LiveWatch>> GetWatchesAsync();
}
