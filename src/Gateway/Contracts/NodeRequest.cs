namespace OrleansGossip.Gateway.Contracts;

/// <summary>A node to register: its id (optional when adding to a run, which names its nodes) and its region.</summary>
public sealed class NodeRequest
{
    public string? Id { get; init; }

    public string? Region { get; init; }
}
