using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Engine;

/// <summary>A message off the network (<see cref="Downloaded"/> once the node's downlink took it) or a control.</summary>
internal readonly record struct NodeEvent(Envelope Envelope, bool Downloaded, NodeControl? Control)
{
    public static NodeEvent Of(NodeControl control) => new(default, false, control);
}
