using OrleansGossip.Abstractions.Engine;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Where one subnet of a run is in emulated time: the silos its nodes run on, the window it takes, what its nodes
/// have next, and what it counted. A subnet advances on its own, a window at a time: window
/// [k·W, (k+1)·W) begins only when the last is over on every silo, and windows with nothing due are skipped.
/// </summary>
internal sealed class SubnetCoordinator(int index, SubnetPlan plan, long windowTicks)
{
    private readonly List<(long Ticks, TaskCompletionSource Reached)> _waiting = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holds;

    public int Index { get; } = index;

    public SubnetPlan Plan { get; set; } = plan;

    /// <summary>The window W, in emulated ticks.</summary>
    public long WindowTicks { get; } = windowTicks;

    /// <summary>The silos this subnet's nodes run on, in a fixed order.</summary>
    public SortedSet<string> Silos { get; } = new(StringComparer.Ordinal);

    /// <summary>When the subnet's nodes have their next event; 0 before the first window.</summary>
    public long NextNodeTicks { get; set; }

    /// <summary>An event from outside (the API) that must begin a window no later than this; <see cref="long.MaxValue"/> when none.</summary>
    public long ForcedTicks { get; set; } = long.MaxValue;

    /// <summary>The end of the last window taken: the subnet's emulated time.</summary>
    public long ReachedTicks { get; private set; }

    /// <summary>The end of the window being taken, while one is.</summary>
    public long? InWindowEndTicks { get; set; }

    public long Windows { get; private set; }

    public long Deliveries { get; private set; }

    public long Created { get; set; }

    public long Expected { get; set; }

    public bool Done { get; set; }

    /// <summary>True once the subnet took a window past its workload's end.</summary>
    public bool PastWorkload { get; set; }

    /// <summary>True once the subnet takes no more windows.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// True while something from outside is on its way to the subnet's nodes: the next window waits for it, so that its
    /// controls are in the nodes' inboxes before the window that takes them.
    /// </summary>
    public bool Held => _holds > 0;

    /// <summary>The window the event at <paramref name="ticks"/> falls in: its start.</summary>
    public long WindowStartOf(long ticks) => ticks / WindowTicks * WindowTicks;

    /// <summary>The first window boundary at or after <paramref name="ticks"/>.</summary>
    public long BoundaryAtOrAfter(long ticks) => (ticks + WindowTicks - 1) / WindowTicks * WindowTicks;

    /// <summary>
    /// Completes once the subnet has taken the window that holds <paramref name="ticks"/>, or stopped: with 0, once it
    /// took its first window, in which its nodes started.
    /// </summary>
    public Task WhenPastAsync(long ticks)
    {
        if (ReachedTicks > ticks || Stopped)
        {
            return Task.CompletedTask;
        }

        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((ticks, reached));
        return reached.Task;
    }

    /// <summary>The subnet has taken every window before <paramref name="ticks"/>.</summary>
    public void Reach(long ticks)
    {
        ReachedTicks = ticks;
        _waiting.RemoveAll(w => w.Ticks < ticks && w.Reached.TrySetResult());
    }

    /// <summary>Counts a window the subnet's silos have answered for.</summary>
    public void Record(WindowOutcome outcome)
    {
        NextNodeTicks = outcome.NextDueTicks;
        Deliveries += outcome.Deliveries;
        Windows++;
    }

    /// <summary>The subnet takes no more windows: whoever waits for one goes on.</summary>
    public void Stop()
    {
        Stopped = true;
        foreach (var (_, reached) in _waiting)
        {
            reached.TrySetResult();
        }

        _waiting.Clear();
    }

    /// <summary>Holds the subnet's next window until the returned scope ends.</summary>
    public HoldScope Hold()
    {
        _holds++;
        return new HoldScope(this);
    }

    /// <summary>Waits for <paramref name="delay"/> of wall time, or until <see cref="Wake"/>.</summary>
    public async Task PauseAsync(TimeSpan delay, TimeProvider wall)
    {
        var woken = _wake.Task;
        if (!woken.IsCompleted)
        {
            using var cancel = new CancellationTokenSource();
            await Task.WhenAny(woken, Task.Delay(delay, wall, cancel.Token));
            cancel.Cancel();
        }

        if (woken.IsCompleted)
        {
            _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Wake() => _wake.TrySetResult();

    public readonly struct HoldScope(SubnetCoordinator subnet) : IDisposable
    {
        public void Dispose()
        {
            subnet._holds--;
            subnet.Wake();
        }
    }
}
