using BenchmarkDotNet.Attributes;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Benchmarks.Micro;

/// <summary>
/// What a protocol costs per delivery on its own: <see cref="Artifacts"/> 1 KiB ingress artifacts, made in turn at
/// each node of a fresh 13-node full mesh (<see cref="Mesh"/>), each reaching the other twelve. A delivery is one
/// artifact reaching one node, as in the macro benchmarks; the figure includes each node's pool and ledger.
/// </summary>
[MemoryDiagnoser]
public class MeshBenchmarks
{
    public const int Nodes = 13;

    public const int Artifacts = 2_000;

    private const int DeliveriesPerInvoke = Artifacts * (Nodes - 1);

    private Artifact[] _artifacts = [];
    private Mesh _mesh = null!;

    [Params(GossipProtocol.AdvertGossip, GossipProtocol.AbortableBroadcast, GossipProtocol.Flooding)]
    public GossipProtocol Protocol { get; set; }

    [GlobalSetup]
    public void MakeArtifacts()
    {
        _artifacts = Enumerable.Range(0, Artifacts)
            .Select(i => Artifact.Create(ArtifactKind.Ingress, attribute: 60_000, "micro", i, ArtifactBody.Synthetic(1024, (ulong)i)))
            .ToArray();

        // A benchmark of deliveries that do not happen would measure nothing: check once that they all do.
        MakeMesh();
        var delivered = Deliver();
        if (delivered != DeliveriesPerInvoke)
        {
            throw new InvalidOperationException($"{Protocol}: {delivered} deliveries in the mesh, expected {DeliveriesPerInvoke}");
        }
    }

    /// <summary>A fresh mesh for each iteration, so that pools and ledgers do not grow from one to the next.</summary>
    [IterationSetup]
    public void MakeMesh() => _mesh = new Mesh(Nodes, Protocol);

    [Benchmark(OperationsPerInvoke = DeliveriesPerInvoke)]
    public long Deliver()
    {
        for (var i = 0; i < _artifacts.Length; i++)
        {
            _mesh.Submit(i % Nodes, _artifacts[i]);
            _mesh.Drain();
        }

        return _mesh.Deliveries;
    }
}
