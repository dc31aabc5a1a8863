using Orleans.Placement;

namespace OrleansGossip.Grains.Placement;

/// <summary>
/// Places node grains as <see cref="Hosting.EmulatorOptions.NodePlacement"/> says: at random, or by subnet, every node
/// of one subnet of a run on the same silo and subnets spread over the silos. By subnet, a node's messages to its
/// peers never leave the silo (see <see cref="Engine.SiloEngine"/>); only the run's control calls do.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class EmulatedNodePlacement : PlacementStrategy
{
    public static EmulatedNodePlacement Singleton { get; } = new();
}

/// <summary>Marks a grain class for <see cref="EmulatedNodePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class EmulatedNodePlacementAttribute() : PlacementAttribute(EmulatedNodePlacement.Singleton);
