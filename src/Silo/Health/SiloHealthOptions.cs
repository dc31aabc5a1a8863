namespace OrleansGossip.Silo.Health;

/// <summary>
/// The silo's HTTP health endpoint (section <c>Health</c>), for an orchestrator's probes: <see cref="LivePath"/> answers
/// 200 while the silo's own components are healthy, <see cref="ReadyPath"/> answers 200 once the silo is an active
/// member of its cluster; both 503 otherwise. Off unless <see cref="Port"/> is set.
/// </summary>
public sealed class SiloHealthOptions
{
    public const string SectionName = "Health";

    /// <summary>The port the endpoint listens on, on every address; 0 turns it off.</summary>
    public int Port { get; set; }

    public string LivePath { get; set; } = "/health/live";

    public string ReadyPath { get; set; } = "/health/ready";
}
