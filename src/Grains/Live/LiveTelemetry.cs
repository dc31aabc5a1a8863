using System.Collections.Frozen;

namespace OrleansGossip.Grains.Live;

/// <summary>
/// A silo's live telemetry: a buffer per watched run, which its nodes fill after each turn and the
/// <see cref="LiveFeedPump"/> empties into batches. While nothing is watched, <see cref="For"/> answers null after a
/// single read, and nodes do nothing more.
/// </summary>
public sealed class LiveTelemetry
{
    private volatile FrozenDictionary<string, LiveRunBuffer> _watched = FrozenDictionary<string, LiveRunBuffer>.Empty;

    /// <summary>The buffer of a watched run; null when nobody watches it.</summary>
    public LiveRunBuffer? For(string runId)
    {
        var watched = _watched;
        return watched.Count == 0 ? null : watched.GetValueOrDefault(runId);
    }

    public IEnumerable<LiveRunBuffer> Watched => _watched.Values;

    public bool AnyWatched => _watched.Count > 0;

    /// <summary>Watches exactly <paramref name="runIds"/>: runs still watched keep their buffers, new ones get fresh ones.</summary>
    public void SetWatched(IEnumerable<string> runIds)
    {
        var current = _watched;
        var next = new Dictionary<string, LiveRunBuffer>(StringComparer.Ordinal);
        foreach (var runId in runIds)
        {
            next[runId] = current.GetValueOrDefault(runId) ?? new LiveRunBuffer(runId);
        }

        if (next.Count == current.Count && next.Keys.All(current.ContainsKey))
        {
            return;
        }

        _watched = next.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
