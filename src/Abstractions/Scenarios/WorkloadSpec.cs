namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>The traffic every subnet of the scenario carries.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record WorkloadSpec
{
    public IngressSpec? Ingress { get; init; }

    public BlockSpec? Blocks { get; init; }
}
