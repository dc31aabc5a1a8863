namespace OrleansGossip.Abstractions.Nodes;

/// <summary>A node's links, in emulated time: its bandwidth, and the latency and loss of its links to its peers.</summary>
[GenerateSerializer, Immutable]
public sealed record NetworkSettings
{
    [Id(0)] public double UploadMbps { get; init; } = 300;

    [Id(1)] public double DownloadMbps { get; init; } = 300;

    [Id(2)] public double LatencyMs { get; init; } = 50;

    /// <summary>Uniform jitter added to the latency, from 0 to this.</summary>
    [Id(3)] public double JitterMs { get; init; }

    /// <summary>The probability that a message is lost on the link.</summary>
    [Id(4)] public double Loss { get; init; }

    public static NetworkSettings Default { get; } = new();
}
