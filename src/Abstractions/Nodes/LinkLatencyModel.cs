namespace OrleansGossip.Abstractions.Nodes;

/// <summary>How a link's latency is drawn for each message.</summary>
[GenerateSerializer]
public enum LinkLatencyModel : byte
{
    /// <summary>Always the base latency.</summary>
    Constant,

    /// <summary>The base latency plus a uniform draw from 0 to the jitter.</summary>
    Uniform,

    /// <summary>A normal draw around the base latency with the given deviation, never below 0.</summary>
    Normal,
}
