namespace OrleansGossip.Abstractions.Messages;

/// <summary>One message between two nodes. <see cref="WireSize"/> is what it costs on the emulated link.</summary>
[GenerateSerializer, Immutable]
public abstract record GossipMessage
{
    /// <summary>Framing overhead of a message on the wire.</summary>
    public const int HeaderSize = 16;

    public abstract int WireSize { get; }

    /// <summary>The class the sender's uplink serves this message in.</summary>
    public abstract Priority Priority { get; }
}
