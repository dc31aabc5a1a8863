namespace OrleansGossip.Gateway.Contracts;

/// <summary>
/// How far an artifact has spread in its run: who made it and when, which nodes hold it and when each got it (emulated
/// milliseconds since the run's epoch, and since creation), which nodes of its subnet lack it, and the share that has it.
/// </summary>
public sealed record PropagationView(
    string Run,
    string Artifact,
    string Subnet,
    string? Origin,
    double? CreatedAtMs,
    int SubnetNodes,
    double Coverage,
    IReadOnlyList<HolderView> Holders,
    IReadOnlyList<string> Missing);
