namespace OrleansGossip.Dashboard.Contracts;

/// <summary>A node of the watched subnet as the page draws it: behaviour, down or not, still a member, its finalized height and deliveries seen.</summary>
public sealed record NodeState(string Id, string Behaviour, bool Crashed, bool Member, long FinalizedHeight, long Deliveries);
