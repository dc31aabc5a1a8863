namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// The messages that reach one node in the same delivery tick, from any of its peers. <see cref="Downloaded"/>
/// is set once the receiver's downlink has been accounted for.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageBatch(IReadOnlyList<Envelope> Envelopes, bool Downloaded = false);
