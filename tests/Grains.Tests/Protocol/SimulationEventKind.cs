namespace OrleansGossip.Grains.Tests.Protocol;

/// <summary>What happened to a message in a <see cref="SimulatedSubnet"/>.</summary>
public enum SimulationEventKind
{
    /// <summary>A core handed the message to its transport.</summary>
    Sent,

    /// <summary>The message reached its receiver, which was given it.</summary>
    Delivered,

    /// <summary>The message was lost to the link's random loss.</summary>
    Lost,

    /// <summary>The message was dropped because its directed link was cut.</summary>
    Cut,
}
