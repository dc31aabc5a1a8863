using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>
/// A sender's slot table for one channel: every artifact it broadcasts takes a slot from a free list (slots are
/// reused, lowest first); every insert or remove bumps the commit id.
/// </summary>
public sealed class SlotTable
{
    private readonly Dictionary<ArtifactId, int> _slotOf = [];
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly SortedSet<int> _free = [];
    private int _nextSlot;

    public long CommitId { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<(int Slot, Entry Entry)> Entries => _entries.Select(e => (e.Key, e.Value));

    public bool Contains(ArtifactId id) => _slotOf.ContainsKey(id);

    public Entry EntryAt(int slot) => _entries[slot];

    /// <summary>Takes a slot for an artifact; returns it and the new commit id, or null when it has one already.</summary>
    public (int Slot, long CommitId)? Insert(Artifact artifact, bool push)
    {
        if (_slotOf.ContainsKey(artifact.Id))
        {
            return null;
        }

        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Min;
            _free.Remove(slot);
        }
        else
        {
            slot = _nextSlot++;
        }

        CommitId++;
        _slotOf[artifact.Id] = slot;
        _entries[slot] = new Entry(artifact, push, CommitId);
        return (slot, CommitId);
    }

    /// <summary>Frees an artifact's slot; returns the slot, or null when it had none.</summary>
    public int? Remove(ArtifactId id)
    {
        if (!_slotOf.Remove(id, out var slot))
        {
            return null;
        }

        CommitId++;
        _entries.Remove(slot);
        _free.Add(slot);
        return slot;
    }

    /// <summary>What a slot holds: the artifact, whether it is pushed whole, and the commit that put it there.</summary>
    public sealed record Entry(Artifact Artifact, bool Push, long CommitId);
}
