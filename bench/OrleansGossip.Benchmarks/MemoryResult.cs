namespace OrleansGossip.Benchmarks;

/// <summary>The closing figures of <c>memory</c>.</summary>
public sealed record MemoryResult
{
    public string Mode { get; init; } = "memory";

    /// <summary>Idle node grains activated and configured for the run.</summary>
    public int Nodes { get; init; }

    public int SubnetSize { get; init; }

    public string Protocol { get; init; } = "";

    /// <summary>
    /// Growth of the managed heap (after a full, compacting collection) and of the run-long tables' native memory,
    /// divided by <see cref="Nodes"/>.
    /// </summary>
    public double BytesPerNode { get; init; }

    /// <summary>Of <see cref="BytesPerNode"/>, what the node grains and their protocol cores hold.</summary>
    public double GrainBytesPerNode { get; init; }

    /// <summary>Of <see cref="BytesPerNode"/>, the node's certificate, which the silo keeps per node id.</summary>
    public double CertificateBytesPerNode { get; init; }

    /// <summary>Process working set growth divided by <see cref="Nodes"/>.</summary>
    public double WorkingSetBytesPerNode { get; init; }

    /// <summary>Working set growth from making the node certificates alone (native key and certificate memory included).</summary>
    public double CertificateWorkingSetBytesPerNode { get; init; }

    public long ManagedBytesBefore { get; init; }

    public long ManagedBytesAfter { get; init; }

    public long WorkingSetBytesBefore { get; init; }

    public long WorkingSetBytesAfter { get; init; }

    /// <summary>Node grain activations the silo counted.</summary>
    public long NodeActivations { get; init; }

    /// <summary>Process timers added by the idle nodes: one per node means every idle node armed a grain timer.</summary>
    public long TimersArmed { get; init; }

    public double TimersPerNode { get; init; }

    /// <summary>Wall seconds to make the node certificates (in parallel).</summary>
    public double CertificateSeconds { get; init; }

    /// <summary>Wall seconds to register and configure the nodes.</summary>
    public double ConfigureSeconds { get; init; }

    /// <summary>CPU the process used while the nodes sat idle, as a share of one core.</summary>
    public double IdleCpuShareOfOneCore { get; init; }

    public double IdleSeconds { get; init; }

    public double TargetBytesPerNode { get; init; } = 50 * 1024;

    public bool WithinTarget { get; init; }

    public required MachineInfo Machine { get; init; }

    public string Date { get; init; } = DateTimeOffset.UtcNow.ToString("O");

    public double TotalWallSeconds { get; init; }
}
