using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>A message for the <see cref="DeliveryScheduler"/>: the node grain it goes to and the wall time it is due.</summary>
public readonly record struct ScheduledMessage(string Destination, Envelope Envelope, DateTimeOffset DueWall, bool Downloaded = false);
