namespace OrleansGossip.Abstractions.Reports;

/// <summary>
/// How late nodes took their deliveries during one slice of a run: from <see cref="FromSeconds"/> to
/// <see cref="ToSeconds"/> of emulated run time, the messages taken then, their lag p99 and the worst, in emulated
/// milliseconds (each read at most a sixteenth above the true value).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LagSlice(double FromSeconds, double ToSeconds, long Messages, double LagMsP99, double LagMsMax);
