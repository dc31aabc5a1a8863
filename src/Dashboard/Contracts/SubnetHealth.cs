namespace OrleansGossip.Dashboard.Contracts;

/// <summary>
/// A subnet at a glance, for runs with many subnets: its nodes (and how many are down), registry version, finalized
/// height and rate (heights per emulated second over the last ten), the mean share of its running nodes that hold its
/// ingress and block proposals made one to thirty emulated seconds ago (<see cref="Delivered"/>), the 90th percentile delivery latency, and the deliveries seen.
/// </summary>
public sealed record SubnetHealth(
    string Subnet,
    int Nodes,
    int Down,
    long RegistryVersion,
    long FinalizedHeight,
    double FinalizationRate,
    double? Delivered,
    double? P90Ms,
    long Deliveries);
