using System.ComponentModel.DataAnnotations;

namespace OrleansGossip.Dashboard;

/// <summary>Settings of the propagation dashboard.</summary>
public sealed class GossipDashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The least time between two updates to one browser; a browser may ask for a slower pace, not a faster one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:05")]
    public TimeSpan MinUpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the run's status and registry are read for the browsers that watch it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.250", "00:01:00")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the dashboard renews its watch lease with the cluster while browsers watch.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether to mount the Orleans runtime dashboard (silo and grain health) at <c>/orleans</c>.</summary>
    public bool MountOrleansDashboard { get; set; } = true;
}
