using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansGossip.Gateway.Security;

/// <summary>
/// Access control for the Gateway's API: <c>AddOrleansGossipGatewayAccess()</c> with the services, then
/// <c>UseOrleansGossipGatewayAccess()</c> before <c>MapOrleansGossipGateway()</c>. Changes need an API key or a bearer token
/// from <c>Gateway:Access</c>; reads are open on loopback only.
/// </summary>
public static class GatewayAccessExtensions
{
    public static IServiceCollection AddOrleansGossipGatewayAccess(this IServiceCollection services, Action<GatewayAccessOptions>? configure = null)
    {
        var options = services.AddOptions<GatewayAccessOptions>().BindConfiguration(GatewayAccessOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<GatewayAccessPolicy>();
        return services;
    }

    public static IApplicationBuilder UseOrleansGossipGatewayAccess(this IApplicationBuilder app) => app.UseMiddleware<GatewayAccessMiddleware>();
}
