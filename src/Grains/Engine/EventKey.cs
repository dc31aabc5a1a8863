namespace OrleansGossip.Grains.Engine;

/// <summary>
/// Orders a node's events by what the run alone decides: the emulated tick they are due at, then the sender's place
/// in its subnet (controls from the run come first, <see cref="ControlSender"/>), then the sender's own sequence.
/// Never by when they reached the node or on which thread.
/// </summary>
internal readonly record struct EventKey(long DueTicks, int Sender, long Sequence) : IComparable<EventKey>
{
    /// <summary>The sender of controls (workload, faults, registry changes): before any node at the same tick.</summary>
    public const int ControlSender = -1;

    public int CompareTo(EventKey other)
    {
        var byDue = DueTicks.CompareTo(other.DueTicks);
        if (byDue != 0)
        {
            return byDue;
        }

        var bySender = Sender.CompareTo(other.Sender);
        return bySender != 0 ? bySender : Sequence.CompareTo(other.Sequence);
    }
}
