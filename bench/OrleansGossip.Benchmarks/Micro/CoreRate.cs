using System.Diagnostics;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Benchmarks.Micro;

/// <summary>
/// The protocol core's own delivery rate in this process, as <see cref="MeshBenchmarks"/> measures it: fresh 13-node
/// meshes of one protocol taking 1 KiB ingress artifacts on one thread, with nothing around the core. Times the
/// machine's cores, it is what an emulator with no cost of its own would deliver: the ceiling to measure one against.
/// </summary>
public static class CoreRate
{
    /// <summary>Deliveries per second of one thread, measured for about <paramref name="duration"/> after a short warm-up.</summary>
    public static double PerThread(GossipProtocol protocol, TimeSpan duration)
    {
        Measure(protocol, TimeSpan.FromSeconds(1));
        return Measure(protocol, duration);
    }

    private static double Measure(GossipProtocol protocol, TimeSpan duration)
    {
        var artifacts = Enumerable.Range(0, MeshBenchmarks.Artifacts)
            .Select(i => Artifact.Create(ArtifactKind.Ingress, attribute: 60_000, "core-rate", i, ArtifactBody.Synthetic(1024, (ulong)i)))
            .ToArray();
        long deliveries = 0;
        var elapsed = TimeSpan.Zero;
        while (elapsed < duration)
        {
            var mesh = new Mesh(MeshBenchmarks.Nodes, protocol);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < artifacts.Length; i++)
            {
                mesh.Submit(i % MeshBenchmarks.Nodes, artifacts[i]);
                mesh.Drain();
            }

            elapsed += clock.Elapsed;
            deliveries += mesh.Deliveries;
        }

        return deliveries / elapsed.TotalSeconds;
    }
}
