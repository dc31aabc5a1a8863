using Orleans.Runtime.Placement;

namespace OrleansGossip.Grains.Engine;

/// <summary>Finds the silo a <see cref="SiloPinnedPlacement"/> grain's key names among the compatible ones; fails when it is gone.</summary>
internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.ToParsableString() == key)
            {
                return Task.FromResult(silo);
            }
        }

        throw new SiloUnavailableException($"silo {key} is not in the cluster");
    }
}
