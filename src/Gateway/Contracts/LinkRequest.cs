namespace OrleansGossip.Gateway.Contracts;

/// <summary>A link between two nodes of a subnet, by node id; cutting or healing it acts on both directions.</summary>
public sealed class LinkRequest
{
    public string? From { get; init; }

    public string? To { get; init; }
}
