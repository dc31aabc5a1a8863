using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Runs;

namespace OrleansGossip.Grains.Placement;

/// <summary>
/// Chooses a node's silo by rendezvous hashing of its subnet: each compatible silo scores the subnet, the highest
/// score wins. Every node of a subnet gets the same silo, whichever silo asks, and a silo that joins or leaves moves
/// only the subnets it wins or held. With <see cref="NodePlacement.Random"/> it places nodes on a random silo instead.
/// A placement hint in the request's context (<see cref="IPlacementDirector.PlacementHintKey"/>, as Orleans' own
/// directors take it) comes first.
/// </summary>
public sealed class NodePlacementDirector(IOptions<EmulatorOptions> options) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0)
        {
            throw new OrleansException($"no silo can host {target.GrainIdentity}");
        }

        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hinted)
        {
            return Task.FromResult(hinted);
        }

        var chosen = options.Value.NodePlacement == NodePlacement.Random
            ? silos[Random.Shared.Next(silos.Length)]
            : SiloFor(SubnetKey(target.GrainIdentity.Key.ToString()), silos);
        return Task.FromResult(chosen);
    }

    /// <summary>The silo that <paramref name="subnetKey"/> scores highest with.</summary>
    public static SiloAddress SiloFor(string subnetKey, IReadOnlyList<SiloAddress> silos)
    {
        var best = silos[0];
        var bestScore = Score(subnetKey, best);
        for (var i = 1; i < silos.Count; i++)
        {
            var score = Score(subnetKey, silos[i]);
            if (score > bestScore)
            {
                (best, bestScore) = (silos[i], score);
            }
        }

        return best;
    }

    /// <summary>
    /// The subnet part of a node grain's key, "run/subnet-n3" giving "run/subnet" (the names runs give their nodes);
    /// a key of any other shape is its own subnet.
    /// </summary>
    public static string SubnetKey(string nodeKey)
    {
        var suffix = nodeKey.LastIndexOf(SubnetPlan.NodeIndexSeparator, StringComparison.Ordinal);
        var index = suffix + SubnetPlan.NodeIndexSeparator.Length;
        if (suffix <= 0 || index == nodeKey.Length)
        {
            return nodeKey;
        }

        for (var i = index; i < nodeKey.Length; i++)
        {
            if (!char.IsAsciiDigit(nodeKey[i]))
            {
                return nodeKey;
            }
        }

        return nodeKey[..suffix];
    }

    private static ulong Score(string subnetKey, SiloAddress silo) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes($"{subnetKey}|{silo.ToParsableString()}"));
}
