using System.Runtime.CompilerServices;
using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// A map from artifact to a small value that only grows until its run ends (a node's receipts), kept out of the
/// young collections' way (<see cref="RunLongArray"/>). Open addressing with linear probing: artifact ids are digests,
/// so their bits spread the slots well; the all-zero id, which marks an empty slot, is kept beside the slots.
/// </summary>
public sealed class ArtifactMap<TValue>
    where TValue : unmanaged
{
    private const int FirstCapacity = 16;

    private ArtifactId[] _keys = [];
    private TValue[] _values = [];
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
        return slot >= 0 ? _values[slot] : default;
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

        if ((_count + 1) * 4 > _keys.Length * 3)
        {
            Grow();
        }

        var slot = Probe(artifact);
        existed = _keys[slot] == artifact;
        if (!existed)
        {
            _keys[slot] = artifact;
            _count++;
        }

        return ref _values[slot];
    }

    public Enumerator GetEnumerator() => new(this);

    private int Find(ArtifactId artifact)
    {
        if (_count == 0)
        {
            return -1;
        }

        var slot = Probe(artifact);
        return _keys[slot] == artifact ? slot : -1;
    }

    /// <summary>The slot that holds <paramref name="artifact"/>, or else the empty one where it would go.</summary>
    private int Probe(ArtifactId artifact)
    {
        var mask = _keys.Length - 1;
        var slot = SlotOf(artifact, mask);
        while (_keys[slot] != artifact && _keys[slot] != default)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    /// <summary>Mixes both halves of the digest, so that ids made by hand (in tests, say) with one half fixed spread too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(ArtifactId artifact, int mask) =>
        (int)((artifact.Hash.Low ^ (artifact.Hash.High * 0x9E3779B97F4A7C15UL)) * 0x9E3779B97F4A7C15UL >> 32) & mask;

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var capacity = Math.Max(FirstCapacity, keys.Length * 2);
        _keys = RunLongArray.Allocate<ArtifactId>(capacity);
        _values = RunLongArray.Allocate<TValue>(capacity);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != default)
            {
                var slot = Probe(keys[i]);
                _keys[slot] = keys[i];
                _values[slot] = values[i];
            }
        }
    }

    /// <summary>Walks the map's artifacts and values in no particular order; the map must not change meanwhile.</summary>
    public struct Enumerator(ArtifactMap<TValue> map)
    {
        /// <summary>-1 stands for the all-zero id, kept beside the slots.</summary>
        private int _slot = map._holdsEmptyId ? -2 : -1;

        public readonly KeyValuePair<ArtifactId, TValue> Current =>
            _slot == -1 ? new(default, map._emptyIdValue) : new(map._keys[_slot], map._values[_slot]);

        public bool MoveNext()
        {
            if (++_slot == -1)
            {
                return true;
            }

            for (; _slot < map._keys.Length; _slot++)
            {
                if (map._keys[_slot] != default)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
