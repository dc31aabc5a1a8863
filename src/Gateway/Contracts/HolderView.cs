namespace OrleansGossip.Gateway.Contracts;

/// <summary>A node that has an artifact: when it got it (or made it), how long after creation, whether its pool holds it still, and the bodies it received.</summary>
public sealed record HolderView(string Node, double AtMs, double? LatencyMs, bool Created, bool Holds, int BodiesReceived);
