namespace OrleansGossip.Abstractions.Runs;

/// <summary>The runs started on the cluster, newest last; a run enters it when it starts. One per cluster, keyed by <see cref="Key"/>.</summary>
public interface IRunIndexGrain : IGrainWithStringKey
{
    public const string Key = "runs";

    /// <summary>How many runs the index keeps; the oldest go first.</summary>
    public const int Capacity = 1_000;

    Task AddAsync(RunListing run);

    Task<IReadOnlyList<RunListing>> ListAsync();
}
