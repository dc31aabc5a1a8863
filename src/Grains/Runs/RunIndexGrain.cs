using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Grains.Hosting;

namespace OrleansGossip.Grains.Runs;

/// <summary>
/// The cluster's list of runs, newest last, at most <see cref="IRunIndexGrain.Capacity"/>, kept in grain storage
/// (<see cref="EmulatorStorage.Runs"/>) so that it outlives the silo that holds it when that storage does.
/// </summary>
public sealed class RunIndexGrain([PersistentState("index", EmulatorStorage.Runs)] IPersistentState<List<RunListing>> runs) : Grain, IRunIndexGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The index is read on every listing of runs: keep it in memory as long as the silo runs.
        DelayDeactivation(TimeSpan.FromDays(365));
        return Task.CompletedTask;
    }

    public async Task AddAsync(RunListing run)
    {
        var list = runs.State;
        list.RemoveAll(r => r.RunId == run.RunId);
        list.Add(run);
        if (list.Count > IRunIndexGrain.Capacity)
        {
            list.RemoveRange(0, list.Count - IRunIndexGrain.Capacity);
        }

        await runs.WriteStateAsync();
    }

    public Task<IReadOnlyList<RunListing>> ListAsync() => Task.FromResult<IReadOnlyList<RunListing>>(runs.State.ToList());
}
