using System.Text.Json.Serialization;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>A reproducible experiment: subnets, their network, their workload and a seed.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable]
public sealed record ScenarioSpec
{
    /// <summary>The JSON Schema the file follows, for editors; ignored otherwise.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public ulong Seed { get; init; } = 1;

    /// <summary>One of <see cref="GossipProtocols.Names"/>.</summary>
    public string Protocol { get; init; } = GossipProtocol.AdvertGossip.WireName();

    /// <summary>Wall seconds per emulated second.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>How long the workload runs, in emulated seconds.</summary>
    public double DurationSeconds { get; init; } = 20;

    /// <summary>How long, after the workload stops, the run waits for the last artifacts to spread.</summary>
    public double DrainSeconds { get; init; } = 10;

    public IReadOnlyList<SubnetSpec> Subnets { get; init; } = [];

    public WorkloadSpec Workload { get; init; } = new();

    /// <summary>Timed faults: partitions, loss bursts, crashes, registry changes.</summary>
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>Whether nodes classify adverts by priority; off, every advert is fetched in arrival order.</summary>
    public bool Priorities { get; init; } = true;

    /// <summary>Overrides of the protocol's defaults.</summary>
    public GossipSettings? Gossip { get; init; }
}
