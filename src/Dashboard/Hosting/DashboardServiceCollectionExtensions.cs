using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGossip.Dashboard.Live;

namespace OrleansGossip.Dashboard.Hosting;

/// <summary>Adds the propagation dashboard's services to a host that has an Orleans client or silo.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard's options (<see cref="GossipDashboardOptions"/>, section <c>Dashboard</c>), SignalR, the live
    /// feed's subscriber and the broadcaster, and <see cref="DashboardAuthorization.ViewPolicy"/>, which allows everyone
    /// until the host redefines it.
    /// </summary>
    public static IServiceCollection AddOrleansGossipDashboard(this IServiceCollection services, Action<GossipDashboardOptions>? configure = null)
    {
        var options = services.AddOptions<GossipDashboardOptions>()
            .BindConfiguration(GossipDashboardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSignalR().AddJsonProtocol(json =>
        {
            json.PayloadSerializerOptions.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddSingleton<DashboardWatchers>();
        services.AddSingleton<DashboardRuns>();
        services.AddSingleton<LiveFeedSubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeedSubscriber>());
        services.AddHostedService<DashboardBroadcaster>();
        services.AddAuthorization();
        services.Configure<AuthorizationOptions>(authorization =>
        {
            if (authorization.GetPolicy(DashboardAuthorization.ViewPolicy) is null)
            {
                authorization.AddPolicy(DashboardAuthorization.ViewPolicy, policy => policy.RequireAssertion(_ => true));
            }
        });
        return services;
    }
}
