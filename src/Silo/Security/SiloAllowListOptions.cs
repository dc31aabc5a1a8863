namespace OrleansGossip.Silo.Security;

/// <summary>
/// How a silo follows the registry's silo allow-list (section <c>Tls:AllowList</c>): which registry holds it, and how
/// often the silo reads it again. Revoking a silo takes effect on every other silo within one refresh.
/// </summary>
public sealed class SiloAllowListOptions
{
    public const string SectionName = "Tls:AllowList";

    /// <summary>False to ignore the allow-list: every silo the TLS trust admits may connect.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The registry grain whose silo allow-list the cluster follows.</summary>
    public string Registry { get; set; } = "cluster";

    /// <summary>How often the silo reads the allow-list (the IC's replicas re-read the registry every 3 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(3);
}
