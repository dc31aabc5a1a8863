namespace OrleansGossip.Benchmarks;

/// <summary>One run of <c>determinism</c>: where it ran and what its host block says.</summary>
public sealed record DeterminismRun(string Where, int Silos, double WallSeconds, double Slowdown, long Deliveries);
