using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Engine;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// Sends a run's controls to its nodes, each at its emulated time and with the next of the run's sequence numbers,
/// which order controls due at one node at one tick as the run made them.
/// </summary>
internal sealed class ControlSender(IGrainFactory grains, string runId)
{
    private long _sequence;

    public Task SendAsync(NodeId node, double atMs, NodeControl control) => SendAsync([node], atMs, control);

    /// <summary>Sends <paramref name="control"/> to each of <paramref name="nodes"/>, due at <paramref name="atMs"/>.</summary>
    public Task SendAsync(IEnumerable<NodeId> nodes, double atMs, NodeControl control)
    {
        var at = VirtualClock.TicksAtOrAfter(atMs);
        var calls = new List<Task>();
        foreach (var node in nodes)
        {
            calls.Add(grains.GetNode(runId, node).ScheduleAsync([control with { AtTicks = at, Sequence = ++_sequence }]));
        }

        return Task.WhenAll(calls);
    }
}
