using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;

namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>
/// What one peer still has to be sent: the newest update of each slot not yet delivered, on the current
/// connection. A send that fails is retried with a backoff from 250 ms doubling to 60 s; freeing a slot aborts its
/// pending update; a reconnect (a new connection id) queues the whole table again. Each peer has its own view, so
/// a slow or unreachable peer never holds the others up.
/// </summary>
public sealed class PeerSendView
{
    public const double InitialBackoffMs = 250;
    public const double MaxBackoffMs = 60_000;

    private readonly SortedDictionary<(GossipChannel Channel, int Slot), SlotUpdate> _pending = [];

    public long ConnectionId { get; private set; } = 1;

    public double BackoffMs { get; private set; } = InitialBackoffMs;

    /// <summary>When the next retry is due, or null when nothing waits for one.</summary>
    public double? RetryAtMs { get; private set; }

    public int Pending => _pending.Count;

    public void Queue(GossipChannel channel, int slot, SlotTable.Entry entry) =>
        _pending[(channel, slot)] = new SlotUpdate(ConnectionId, entry.CommitId, slot, entry.Artifact.Advert, entry.Push ? entry.Artifact : null);

    /// <summary>Drops the pending update of a freed slot; true when one was aborted.</summary>
    public bool Abort(GossipChannel channel, int slot) => _pending.Remove((channel, slot));

    /// <summary>A new connection: its id goes up and every slot of every table is queued afresh.</summary>
    public void Reconnect(IEnumerable<(GossipChannel Channel, SlotTable Table)> tables)
    {
        ConnectionId++;
        _pending.Clear();
        BackoffMs = InitialBackoffMs;
        RetryAtMs = null;
        foreach (var (channel, table) in tables)
        {
            foreach (var (slot, entry) in table.Entries)
            {
                Queue(channel, slot, entry);
            }
        }
    }

    /// <summary>
    /// Sends what is pending, in slot order, until a send fails; then waits out the backoff (doubled for the next
    /// failure). Returns how many updates went out.
    /// </summary>
    public int Flush(Func<SlotUpdate, bool> send, double nowMs)
    {
        if (RetryAtMs is { } retryAt && nowMs < retryAt)
        {
            return 0;
        }

        var sent = 0;
        foreach (var (key, update) in _pending.ToList())
        {
            if (!send(update))
            {
                RetryAtMs = nowMs + BackoffMs;
                BackoffMs = Math.Min(BackoffMs * 2, MaxBackoffMs);
                return sent;
            }

            _pending.Remove(key);
            sent++;
        }

        RetryAtMs = null;
        BackoffMs = InitialBackoffMs;
        return sent;
    }
}
