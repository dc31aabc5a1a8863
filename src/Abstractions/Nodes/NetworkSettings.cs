namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// A node's links, in emulated time: its bandwidth, and the latency and loss of its links to its peers. Latency is
/// drawn per message by <see cref="Model"/> around a base: <see cref="LatencyMs"/>, or, when
/// <see cref="RegionLatencyMs"/> is given, the latency from this node's region to the peer's region (regions are the
/// registry's).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NetworkSettings
{
    [Id(0)] public double UploadMbps { get; init; } = 300;

    [Id(1)] public double DownloadMbps { get; init; } = 300;

    [Id(2)] public double LatencyMs { get; init; } = 50;

    /// <summary>For the <see cref="LinkLatencyModel.Uniform"/> model: jitter added to the latency, from 0 to this.</summary>
    [Id(3)] public double JitterMs { get; init; }

    /// <summary>The probability that a message is lost on the link.</summary>
    [Id(4)] public double Loss { get; init; }

    [Id(5)] public LinkLatencyModel Model { get; init; } = LinkLatencyModel.Uniform;

    /// <summary>For the <see cref="LinkLatencyModel.Normal"/> model: the deviation of the latency.</summary>
    [Id(6)] public double StdDevMs { get; init; }

    /// <summary>Base latency from this node's region to each region, by region name; null when the subnet has no regions.</summary>
    [Id(7)] public IReadOnlyDictionary<string, double>? RegionLatencyMs { get; init; }

    /// <summary>
    /// The least one-way latency a message has: its subnet's window (<see cref="NodeConfiguration"/>). A draw below it
    /// (a normal model's left tail) is raised to it, so that nothing sent in a window arrives in it.
    /// </summary>
    [Id(8)] public double MinLatencyMs { get; init; }

    public static NetworkSettings Default { get; } = new();
}
