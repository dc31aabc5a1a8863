namespace OrleansGossip.Hosting.Clustering;

/// <summary>Which side of the cluster a process is: some settings matter to one side only.</summary>
public enum ClusteringRole
{
    Silo,
    Client,
}
