namespace OrleansGossip.Grains.Engine;

/// <summary>Completes once every node given a window has signalled that it took it; a failure of one fails it.</summary>
internal sealed class WindowCountdown
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public WindowCountdown(int nodes)
    {
        _remaining = nodes;
        if (nodes == 0)
        {
            _done.SetResult();
        }
    }

    public Task Task => _done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
