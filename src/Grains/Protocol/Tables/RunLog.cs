using System.Collections;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// A list that is only appended to until its run ends (a node's deliveries, creations, finalizations), kept out of
/// the young collections' way (<see cref="RunLongArray"/>).
/// </summary>
public sealed class RunLog<T> : IReadOnlyList<T>
    where T : unmanaged
{
    private const int FirstCapacity = 16;

    private T[] _items = [];
    private int _count;

    public int Count => _count;

    public T this[int index] => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, _count);

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            _items = RunLongArray.Grow(_items, FirstCapacity);
        }

        _items[_count++] = item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
