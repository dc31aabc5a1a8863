namespace OrleansGossip.Dashboard;

/// <summary>
/// The authorization policy of the dashboard: its page, its SignalR hub and the Orleans runtime dashboard beside it all
/// require <see cref="ViewPolicy"/>, which allows everyone until the host redefines it.
/// </summary>
public static class DashboardAuthorization
{
    public const string ViewPolicy = "OrleansGossip.Dashboard.View";
}
