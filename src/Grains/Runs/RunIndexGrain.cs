using OrleansGossip.Abstractions.Runs;

namespace OrleansGossip.Grains.Runs;

/// <summary>The cluster's list of runs, in memory, newest last, at most <see cref="IRunIndexGrain.Capacity"/>.</summary>
public sealed class RunIndexGrain : Grain, IRunIndexGrain
{
    private readonly List<RunListing> _runs = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The index lives as long as the silo: it is the only record of which runs exist.
        DelayDeactivation(TimeSpan.FromDays(365));
        return Task.CompletedTask;
    }

    public Task AddAsync(RunListing run)
    {
        _runs.RemoveAll(r => r.RunId == run.RunId);
        _runs.Add(run);
        if (_runs.Count > IRunIndexGrain.Capacity)
        {
            _runs.RemoveRange(0, _runs.Count - IRunIndexGrain.Capacity);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunListing>> ListAsync() => Task.FromResult<IReadOnlyList<RunListing>>(_runs.ToList());
}
