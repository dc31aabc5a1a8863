namespace OrleansGossip.Abstractions.Runs;

/// <summary>What a run is for (<see cref="IRunGrain.StartAsync"/>).</summary>
[GenerateSerializer]
public enum RunKind : byte
{
    /// <summary>A run someone asked for: it goes in the cluster's run list, which the API and the dashboard show.</summary>
    Measured,

    /// <summary>
    /// A run that warms a silo up before the runs that count (the runtime compiles code again, optimized, once it has
    /// run a while): it runs and reports as any other, but no run list shows it, and it keeps nothing in grain storage
    /// (its record, its nodes' configurations) and exports no report: nothing resumes it after its silo stops.
    /// </summary>
    WarmUp,
}
