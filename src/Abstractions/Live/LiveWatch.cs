namespace OrleansGossip.Abstractions.Live;

/// <summary>An observer and the runs it watches.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveWatch(ILiveFeedObserver Observer, IReadOnlyList<string> RunIds);
