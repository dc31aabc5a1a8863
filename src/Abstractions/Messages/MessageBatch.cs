namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// The messages that reach one node in the same delivery tick, from any of its peers. <see cref="Downloaded"/>
/// is set once the receiver's downlink has been accounted for. <see cref="Due"/> is the wall time the earliest of
/// them was due, when known: the receiver counts how late it takes them as the emulator's lag.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageBatch(IReadOnlyList<Envelope> Envelopes, bool Downloaded = false, DateTimeOffset? Due = null);
