using System.Collections.Concurrent;

namespace OrleansGossip.Dashboard.Live;

/// <summary>The runs the dashboard keeps a <see cref="RunView"/> of: exactly those some browser watches.</summary>
public sealed class DashboardRuns(TimeProvider wall)
{
    private readonly ConcurrentDictionary<string, RunView> _views = new(StringComparer.Ordinal);

    public RunView? Get(string runId) => _views.GetValueOrDefault(runId);

    public ICollection<RunView> All => _views.Values;

    /// <summary>Keeps views of <paramref name="runIds"/> (new ones start empty) and drops the others.</summary>
    public void Sync(IReadOnlyCollection<string> runIds)
    {
        foreach (var runId in runIds)
        {
            _views.GetOrAdd(runId, id => new RunView(id, wall));
        }

        foreach (var stale in _views.Keys.Where(k => !runIds.Contains(k)).ToList())
        {
            _views.TryRemove(stale, out _);
        }
    }
}
