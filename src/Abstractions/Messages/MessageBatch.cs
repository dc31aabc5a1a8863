namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// The messages that reach one node in the same delivery tick, from any of its peers. <see cref="Downloaded"/>
/// is set once the receiver's downlink has been accounted for. <see cref="Dues"/> says when they were due, when
/// known: runs of messages per due time, in the order of <see cref="Envelopes"/>. The receiver counts how late it
/// takes each message as the emulator's lag.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageBatch(IReadOnlyList<Envelope> Envelopes, bool Downloaded = false, IReadOnlyList<DueRun>? Dues = null);
