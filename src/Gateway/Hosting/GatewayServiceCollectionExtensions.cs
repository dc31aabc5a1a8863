using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansGossip.Gateway.Hosting;

/// <summary>Adds the OrleansGossip HTTP API's services to a host that has an Orleans client or silo.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API's options (<see cref="GatewayOptions"/>, section <c>Gateway</c>), problem details, its JSON
    /// conventions (<see cref="GatewayJson"/>), the OpenAPI document and <see cref="GatewayAuthorization.MutatePolicy"/>,
    /// which allows everyone until the host redefines it.
    /// </summary>
    public static IServiceCollection AddOrleansGossipGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        var options = services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => GatewayJson.Configure(json.SerializerOptions));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OrleansGossip API";
            document.Info.Description = "Registry, artifacts, runs and faults of the OrleansGossip emulator.";
            return Task.CompletedTask;
        }));
        services.AddAuthorization();
        services.Configure<AuthorizationOptions>(authorization =>
        {
            if (authorization.GetPolicy(GatewayAuthorization.MutatePolicy) is null)
            {
                authorization.AddPolicy(GatewayAuthorization.MutatePolicy, policy => policy.RequireAssertion(_ => true));
            }
        });
        return services;
    }
}
