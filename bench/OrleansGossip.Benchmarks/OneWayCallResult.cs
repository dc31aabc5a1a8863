namespace OrleansGossip.Benchmarks;

/// <summary>What the plain one-way call benchmark measured.</summary>
public sealed record OneWayCallResult(double CallsPerSecond, long Calls, double Seconds, int Senders, int Sinks, int MaxInFlight);
