using System.Text.Json.Serialization;
using OrleansGossip.Abstractions.Scenarios;

namespace OrleansGossip.Abstractions.Runs;

/// <summary>
/// Something that came into a run from outside while it ran, with the emulated time it landed at (the start of the
/// window after it arrived). A run writes them to its event log (<c>events.jsonl</c>, a line each), and a run
/// started with them (<see cref="IRunGrain.StartAsync"/>) lands each again at that time, which reproduces the run.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(FaultRunEvent), "fault")]
[JsonDerivedType(typeof(BehaviourRunEvent), "behaviour")]
[JsonDerivedType(typeof(SubmissionRunEvent), "submission")]
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public abstract record RunEvent
{
    /// <summary>Emulated milliseconds since the run's epoch.</summary>
    public double AtMs { get; init; }
}

/// <summary>A fault in the scenario files' format (its <c>atSeconds</c> aside), node indices as the subnet had them then.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record FaultRunEvent : RunEvent
{
    public FaultSpec Fault { get; init; } = new();
}

/// <summary>The node at <see cref="Node"/> of <see cref="Subnet"/> took on <see cref="Behaviour"/>.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record BehaviourRunEvent : RunEvent
{
    public string Subnet { get; init; } = "";

    public int Node { get; init; }

    public string Behaviour { get; init; } = "";

    public double? Fraction { get; init; }
}

/// <summary>An artifact submitted to <see cref="Node"/>, with the attribute it was given.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record SubmissionRunEvent : RunEvent
{
    public string Node { get; init; } = "";

    public string ArtifactKind { get; init; } = "";

    public int Size { get; init; }

    public byte[]? Content { get; init; }

    public long Attribute { get; init; }
}
