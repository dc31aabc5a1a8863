namespace OrleansGossip.Dashboard.Live;

/// <summary>
/// What one browser connection watches (a run's subnet, or with no subnet the run's overview), at what pace, when its
/// next update is due, and the send still under way to it, if any: a browser that has not taken its last update gets
/// no new one.
/// </summary>
public sealed class ConnectionWatch(string connectionId, string runId, string? subnet, TimeSpan interval)
{
    public string ConnectionId { get; } = connectionId;

    public string RunId { get; } = runId;

    public string? Subnet { get; } = subnet;

    public TimeSpan Interval { get; set; } = interval;

    public DateTimeOffset NextDueUtc { get; set; } = DateTimeOffset.MinValue;

    public Task? InFlight { get; set; }
}
