using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Network;

/// <summary>A message for the <see cref="DeliveryScheduler"/>: the mailbox of the node it goes to and the wall time it is due.</summary>
public readonly record struct ScheduledMessage(Mailbox Destination, Envelope Envelope, DateTimeOffset DueWall, bool Downloaded = false);
