namespace OrleansGossip.Abstractions.Registry;

/// <summary>A subnet as the registry knows it, with the version at which it was created.</summary>
[GenerateSerializer, Immutable]
public sealed record SubnetRecord(SubnetId Id, long CreatedAtVersion);
