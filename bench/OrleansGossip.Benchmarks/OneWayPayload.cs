namespace OrleansGossip.Benchmarks;

/// <summary>A small immutable message, about the size of one envelope on the emulator's hot path.</summary>
[GenerateSerializer, Immutable]
public sealed record OneWayPayload([property: Id(0)] string From, [property: Id(1)] long Sequence);
