namespace OrleansGossip.Hosting.Storage;

/// <summary>
/// Where the silos keep grain state (the registry, the run records, the nodes' run configuration): the configuration
/// section <c>GrainStorage</c>. <c>memory</c> (the default) keeps it in the silos, so it is lost with the silo that held
/// it; <c>azureblob</c> keeps it in a blob container, so that it survives silos.
/// </summary>
public sealed class GrainStorageOptions
{
    public const string SectionName = "GrainStorage";

    /// <summary><c>memory</c> or <c>azureblob</c>.</summary>
    public string Provider { get; set; } = "memory";

    /// <summary>With <c>azureblob</c>: the storage account's connection string (Azurite's works too).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>With <c>azureblob</c>: the container that holds the state, created when missing.</summary>
    public string ContainerName { get; set; } = "grain-state";
}
