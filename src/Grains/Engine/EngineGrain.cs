using OrleansGossip.Abstractions.Engine;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Grains.Engine;

/// <summary>The silo's engine as the runs' coordinators on other silos reach it; placed on the silo its key names.</summary>
[SiloPinnedPlacement]
internal sealed class EngineGrain(SiloEngine engine) : Grain, IEngineGrain
{
    public Task<WindowOutcome> RunWindowAsync(string runId, SubnetId subnet, long startTicks, long endTicks) =>
        engine.RunWindowAsync(runId, subnet, startTicks, endTicks);
}
