using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// A message on its way: when it is due at its destination (emulated ticks since the run's epoch), the sender's
/// place in its subnet and the sender's sequence number, which together order a node's events whatever the order
/// they reached it in, and the message. <see cref="Downloaded"/> once the destination's downlink took it.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct TimedEnvelope(
    [property: Id(0)] long DueTicks,
    [property: Id(1)] int Sender,
    [property: Id(2)] long Sequence,
    [property: Id(3)] Envelope Envelope,
    [property: Id(4)] bool Downloaded = false);
