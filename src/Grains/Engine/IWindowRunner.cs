namespace OrleansGossip.Grains.Engine;

/// <summary>What the engine asks of a node activated on its silo: to take a window's events in one turn of its own.</summary>
internal interface IWindowRunner
{
    /// <summary>
    /// Queues the window [<paramref name="startTicks"/>, <paramref name="endTicks"/>) to the node's activation; the
    /// node signals <paramref name="done"/> when it has taken every event due in it.
    /// </summary>
    void RunWindow(long startTicks, long endTicks, WindowCountdown done);
}
