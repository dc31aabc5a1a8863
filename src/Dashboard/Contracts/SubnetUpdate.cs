using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Dashboard.Contracts;

/// <summary>
/// What the page shows of one subnet of a run, sent to each watching browser at most every few hundred milliseconds:
/// the run's progress and pace (<see cref="ArtifactsCreated"/> and <see cref="Deliveries"/> are the run's;
/// <see cref="Slowdown"/> the wall seconds each emulated second has taken so far, against the run's <see cref="TimeScale"/>;
/// <see cref="SubnetArtifacts"/> and <see cref="SubnetDeliveries"/> the subnet's since the dashboard watched it), the registry version and membership, the nodes and their links, the
/// latest artifacts' gossip wave, figures per artifact kind, queues per priority class, finalization and the faults.
/// </summary>
public sealed record SubnetUpdate(
    string RunId,
    string Subnet,
    string Scenario,
    string Protocol,
    string Phase,
    double EmulatedSeconds,
    double DurationSeconds,
    double AtMs,
    long ArtifactsCreated,
    long Deliveries,
    long ExpectedDeliveries,
    long SubnetArtifacts,
    long SubnetDeliveries,
    double Slowdown,
    double TimeScale,
    double DeliveriesPerSecond,
    long RegistryVersion,
    IReadOnlyList<NodeState> Nodes,
    IReadOnlyList<string[]> Edges,
    IReadOnlyList<string[]> CutLinks,
    IReadOnlyList<WaveArtifact> Wave,
    IReadOnlyList<KindFigures> Kinds,
    QueueFigures Queues,
    long FinalizedHeight,
    double FinalizationRate,
    IReadOnlyList<FaultEvent> Faults,
    IReadOnlyList<string> Subnets);
