using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansGossip.Dashboard.Hubs;

namespace OrleansGossip.Dashboard.Hosting;

/// <summary>Maps the propagation dashboard.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the page at <c>/</c> (its bundle under <c>/assets/</c>), the SignalR hub at <c>/hubs/propagation</c> and,
    /// unless <see cref="GossipDashboardOptions.MountOrleansDashboard"/> is off, the Orleans runtime dashboard at
    /// <c>/orleans</c> (the host must have added it to its silo or client). All require
    /// <see cref="DashboardAuthorization.ViewPolicy"/>. Returns their group, for the host's own conventions.
    /// </summary>
    public static RouteGroupBuilder MapOrleansGossipDashboard(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").RequireAuthorization(DashboardAuthorization.ViewPolicy).ExcludeFromDescription();
        group.MapGet("/", (HttpContext context) => DashboardAssets.Serve(context, "index.html"));
        group.MapGet("/assets/{**file}", (HttpContext context, string file) => DashboardAssets.Serve(context, $"assets/{file}"));
        group.MapHub<PropagationHub>("/hubs/propagation");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<GossipDashboardOptions>>().Value.MountOrleansDashboard)
        {
            group.MapOrleansDashboard(routePrefix: "/orleans");
        }

        return group;
    }
}
