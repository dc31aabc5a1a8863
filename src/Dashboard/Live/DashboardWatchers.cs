using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansGossip.Dashboard.Live;

/// <summary>Which browser connections watch what; those who wait on it learn of every change at once.</summary>
public sealed class DashboardWatchers(IOptions<GossipDashboardOptions> options)
{
    private readonly ConcurrentDictionary<string, ConnectionWatch> _watches = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ICollection<ConnectionWatch> All => _watches.Values;

    public bool Any => !_watches.IsEmpty;

    public IReadOnlyCollection<string> RunIds => _watches.Values.Select(w => w.RunId).Distinct(StringComparer.Ordinal).ToList();

    public void Watch(string connectionId, string runId, string? subnet)
    {
        var interval = _watches.TryGetValue(connectionId, out var previous) ? previous.Interval : options.Value.MinUpdateInterval;
        _watches[connectionId] = new ConnectionWatch(connectionId, runId, subnet, interval);
        Signal();
    }

    public void SetInterval(string connectionId, int milliseconds)
    {
        if (_watches.TryGetValue(connectionId, out var watch))
        {
            var requested = TimeSpan.FromMilliseconds(Math.Clamp(milliseconds, 0, 60_000));
            watch.Interval = requested < options.Value.MinUpdateInterval ? options.Value.MinUpdateInterval : requested;
        }
    }

    public void Remove(string connectionId)
    {
        if (_watches.TryRemove(connectionId, out _))
        {
            Signal();
        }
    }

    /// <summary>
    /// Completes at the next change of who watches what, or after <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: only at a change); throws only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var changed = Volatile.Read(ref _changed).Task;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (timeout <= TimeSpan.Zero || changed.IsCompleted)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, stop.Token);
        await Task.WhenAny(changed, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
