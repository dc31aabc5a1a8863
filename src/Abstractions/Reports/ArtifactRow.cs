namespace OrleansGossip.Abstractions.Reports;

/// <summary>
/// One artifact's propagation, for <c>artifacts.csv</c>: when it was made and how long it took to reach half, two
/// thirds and all of the subnet's honest nodes (null when it never did), and how many bodies nodes received for it.
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
