namespace OrleansGossip.Grains.Hosting;

/// <summary>
/// The grain storage names the emulator uses. A host registers a storage under each (the <c>GrainStorage</c>
/// section: memory or Azure blobs); <see cref="EmulatorSiloBuilderExtensions.AddGossipEmulator"/> adds in-memory
/// storage for any it has not.
/// </summary>
public static class EmulatorStorage
{
    /// <summary>The registries' records.</summary>
    public const string Registry = "registry";

    /// <summary>The run records and the index of runs.</summary>
    public const string Runs = "runs";

    public static IReadOnlyList<string> Names { get; } = [Registry, Runs];
}
