namespace OrleansGossip.Gateway.Security;

/// <summary>What the Gateway does with a request: let it through, or refuse it with an HTTP status and why.</summary>
public readonly record struct GatewayAccessVerdict(int StatusCode, string? Reason)
{
    public static GatewayAccessVerdict Allow { get; } = new(200, null);

    public bool Allowed => Reason is null;
}
