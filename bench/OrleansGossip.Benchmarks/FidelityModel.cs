using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Benchmarks;

/// <summary>
/// The closed-form time for one artifact to reach every node of a full mesh by advert gossip (docs/benchmarks.md
/// derives it): one source, N nodes, constant one-way latency L, every node's uplink and downlink at B.
/// <code>
///   T(N, S) = a/B + L          the first advert reaches a peer (the source sends N-1, the first one first)
///           + r/B + L          its request reaches the source
///           + (N-1) b/B        the source's uplink sends the N-1 bodies one after another
///           + L                the last body reaches its node
/// </code>
/// with a, r and b the wire sizes of the advert, request and body messages of <paramref name="Artifact"/>, taken
/// from the messages themselves.
/// </summary>
public sealed record FidelityModel(int Nodes, Artifact Artifact, double LatencyMs, double BandwidthMbps)
{
    public int AdvertWireBytes => new AdvertMessage(Artifact.Advert).WireSize;

    public int RequestWireBytes => new ArtifactRequest(Artifact.Id, Priority.Fetch).WireSize;

    public int BodyWireBytes => new ArtifactTransfer(Artifact, Priority.Fetch).WireSize;

    public double ExpectedMs =>
        TransferMs(AdvertWireBytes) + LatencyMs
        + TransferMs(RequestWireBytes) + LatencyMs
        + ((Nodes - 1) * TransferMs(BodyWireBytes))
        + LatencyMs;

    /// <summary>Milliseconds to send <paramref name="bytes"/> at the bandwidth.</summary>
    public double TransferMs(int bytes) => bytes * 8.0 / (BandwidthMbps * 1_000);
}
