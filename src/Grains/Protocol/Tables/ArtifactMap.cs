using System.Runtime.CompilerServices;
using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// A map from artifact to a small value that only grows until its run ends (a node's receipts), kept out of the
/// collector's way (<see cref="RunLongBuffer{T}"/>). Open addressing with linear probing: artifact ids are digests,
/// so their bits spread the slots well; the all-zero id, which marks an empty slot, is kept beside the slots.
/// </summary>
public sealed class ArtifactMap<TValue>
    where TValue : unmanaged
{
    private const int FirstCapacity = 16;

    /// <summary>Made at the first artifact, with <see cref="_values"/>: an empty map holds no buffer.</summary>
    private RunLongBuffer<ArtifactId>? _keys;
    private RunLongBuffer<TValue>? _values;
    private int _count;
    private bool _holdsEmptyId;
    private TValue _emptyIdValue;

    /// <summary>How many artifacts the map holds.</summary>
    public int Count => _count + (_holdsEmptyId ? 1 : 0);

    public bool ContainsKey(ArtifactId artifact) => artifact == default ? _holdsEmptyId : Find(artifact) >= 0;

    public TValue GetValueOrDefault(ArtifactId artifact)
    {
        if (artifact == default)
        {
            return _holdsEmptyId ? _emptyIdValue : default;
        }

        var slot = Find(artifact);
        return slot >= 0 ? _values!.Span[slot] : default;
    }

    /// <summary>
    /// The value kept for <paramref name="artifact"/>, added as <c>default</c> if the map did not hold it. The
    /// reference is good until the next addition.
    /// </summary>
    public ref TValue GetValueRefOrAddDefault(ArtifactId artifact, out bool existed)
    {
        if (artifact == default)
        {
            existed = _holdsEmptyId;
            _holdsEmptyId = true;
            return ref _emptyIdValue;
        }

        if (_keys is null || (_count + 1) * 4 > _keys.Length * 3)
        {
            Grow();
        }

        var keys = _keys!.Span;
        var slot = Probe(keys, artifact);
        existed = keys[slot] == artifact;
        if (!existed)
        {
            keys[slot] = artifact;
            _count++;
        }

        return ref _values!.Span[slot];
    }

    public Enumerator GetEnumerator() => new(this);

    private int Find(ArtifactId artifact)
    {
        if (_count == 0)
        {
            return -1;
        }

        var keys = _keys!.Span;
        var slot = Probe(keys, artifact);
        return keys[slot] == artifact ? slot : -1;
    }

    /// <summary>The slot of <paramref name="keys"/> that holds <paramref name="artifact"/>, or else the empty one where it would go.</summary>
    private static int Probe(ReadOnlySpan<ArtifactId> keys, ArtifactId artifact)
    {
        var mask = keys.Length - 1;
        var slot = SlotOf(artifact, mask);
        while (keys[slot] != artifact && keys[slot] != default)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    /// <summary>Mixes both halves of the digest, so that ids made by hand (in tests, say) with one half fixed spread too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(ArtifactId artifact, int mask) =>
        (int)((artifact.Hash.Low ^ (artifact.Hash.High * 0x9E3779B97F4A7C15UL)) * 0x9E3779B97F4A7C15UL >> 32) & mask;

    /// <summary>Moves the artifacts into buffers twice as long, giving the old ones back.</summary>
    private void Grow()
    {
        var oldKeys = _keys;
        var oldValues = _values;
        var capacity = oldKeys is null ? FirstCapacity : oldKeys.Length * 2;
        _keys = new RunLongBuffer<ArtifactId>(capacity);
        _values = new RunLongBuffer<TValue>(capacity);
        if (oldKeys is null || oldValues is null)
        {
            return;
        }

        var keys = _keys.Span;
        var values = _values.Span;
        var oldKeySpan = oldKeys.Span;
        var oldValueSpan = oldValues.Span;
        for (var i = 0; i < oldKeySpan.Length; i++)
        {
            if (oldKeySpan[i] != default)
            {
                var slot = Probe(keys, oldKeySpan[i]);
                keys[slot] = oldKeySpan[i];
                values[slot] = oldValueSpan[i];
            }
        }

        oldKeys.Dispose();
        oldValues.Dispose();
    }

    /// <summary>Walks the map's artifacts and values in no particular order; the map must not change meanwhile.</summary>
    public struct Enumerator(ArtifactMap<TValue> map)
    {
        /// <summary>-1 stands for the all-zero id, kept beside the slots.</summary>
        private int _slot = map._holdsEmptyId ? -2 : -1;

        public readonly KeyValuePair<ArtifactId, TValue> Current =>
            _slot == -1 ? new(default, map._emptyIdValue) : new(map._keys!.Span[_slot], map._values!.Span[_slot]);

        public bool MoveNext()
        {
            if (++_slot == -1)
            {
                return true;
            }

            if (map._keys is null)
            {
                return false;
            }

            var keys = map._keys.Span;
            for (; _slot < keys.Length; _slot++)
            {
                if (keys[_slot] != default)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
