namespace OrleansGossip.Gateway.Contracts;

/// <summary>A subnet to create: its id and its first nodes, listed (<see cref="Nodes"/>) or counted (<see cref="NodeCount"/>, named <c>{id}-n{i}</c>).</summary>
public sealed class CreateSubnetRequest
{
    public string? Id { get; init; }

    public IReadOnlyList<NodeRequest>? Nodes { get; init; }

    public int? NodeCount { get; init; }

    /// <summary>The region of counted nodes; listed nodes name their own.</summary>
    public string? Region { get; init; }
}
