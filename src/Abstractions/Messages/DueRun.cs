namespace OrleansGossip.Abstractions.Messages;

/// <summary><see cref="Count"/> messages of a batch, due at <see cref="DueTicks"/> (wall ticks of the emulator's clock).</summary>
[GenerateSerializer, Immutable]
public readonly record struct DueRun(long DueTicks, int Count);
