namespace OrleansGossip.Dashboard.Contracts;

/// <summary>
/// One of the latest artifacts of the subnet and how it spread: who made it and when, and each holder with the time
/// it got it (<see cref="Holders"/> and <see cref="HeldAtMs"/> pair up), all emulated milliseconds since the run's epoch.
/// </summary>
public sealed record WaveArtifact(
    string Artifact,
    string Kind,
    int Size,
    string? Origin,
    double? CreatedAtMs,
    IReadOnlyList<string> Holders,
    IReadOnlyList<double> HeldAtMs,
    double Coverage);
