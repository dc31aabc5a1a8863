using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OrleansGossip.Gateway.Endpoints;
using OrleansGossip.Gateway.Problems;

namespace OrleansGossip.Gateway.Hosting;

/// <summary>Maps the OrleansGossip HTTP API.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the API under <c>/api</c> and its OpenAPI document at <c>/openapi/v1.json</c>. Every endpoint answers
    /// failures with problem details; those that change something require <see cref="GatewayAuthorization.MutatePolicy"/>.
    /// What routing itself refuses (no such path 404, wrong method 405, a body that is not JSON 415) has an empty body:
    /// the host turns it into problem details with <c>UseStatusCodePages()</c> (the gateway adds problem details).
    /// Returns the <c>/api</c> group, for the host's own conventions.
    /// </summary>
    public static RouteGroupBuilder MapOrleansGossipGateway(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ProblemEndpointFilter>();
        var write = api.MapGroup("").RequireAuthorization(GatewayAuthorization.MutatePolicy);

        RegistryEndpoints.Map(api, write);
        RunEndpoints.Map(api, write);
        ArtifactEndpoints.Map(api, write);
        FaultEndpoints.Map(api, write);

        endpoints.MapOpenApi();
        return api;
    }
}
