namespace OrleansGossip.Gateway;

/// <summary>
/// The authorization policies the API's endpoints name. Every endpoint that changes something (registry mutations,
/// artifact submissions, starting and stopping runs, faults) requires <see cref="MutatePolicy"/>; the gateway registers
/// it as allowing everyone, so that a host attaches real rules (an API key, a client certificate) by redefining it:
/// <c>services.AddAuthorizationBuilder().AddPolicy(GatewayAuthorization.MutatePolicy, ...)</c> after
/// <c>AddOrleansGossipGateway()</c>.
/// </summary>
public static class GatewayAuthorization
{
    public const string MutatePolicy = "OrleansGossip.Gateway.Mutate";
}
