namespace OrleansGossip.Abstractions.Reports;

/// <summary>
/// One artifact's propagation, for <c>artifacts.csv</c>: when it was made and how long it took to reach half, two
/// thirds and all of the subnet's honest nodes (null when it never did), how many honest nodes held it at the end
/// (<see cref="Holders"/>, an honest creator included) and how many bodies all nodes received for it, duplicates and
/// corrupt ones included (<see cref="BodiesReceived"/>). Times are emulated milliseconds; creation is since the run's epoch.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArtifactRow(
    string Subnet,
    string Artifact,
    string Kind,
    int Size,
    double CreatedAtMs,
    double? Reach50Ms,
    double? Reach67Ms,
    double? Reach100Ms,
    int Holders,
    long BodiesReceived);
