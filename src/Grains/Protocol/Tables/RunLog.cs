using System.Collections;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// A list that is only appended to until its run ends (a node's deliveries, creations, finalizations), kept out of
/// the collector's way (<see cref="RunLongBuffer{T}"/>).
/// </summary>
public sealed class RunLog<T> : IReadOnlyList<T>
    where T : unmanaged
{
    private const int FirstCapacity = 16;

    /// <summary>Made at the first item: a node that logs nothing holds no buffer.</summary>
    private RunLongBuffer<T>? _items;
    private int _count;

    public int Count => _count;

    public T this[int index] => (uint)index < (uint)_count ? _items!.Span[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public ReadOnlySpan<T> AsSpan() => _items is null ? [] : _items.Span[.._count];

    public void Add(T item)
    {
        if (_items is null)
        {
            _items = new RunLongBuffer<T>(FirstCapacity);
        }
        else if (_count == _items.Length)
        {
            _items.Grow(_items.Length * 2);
        }

        _items.Span[_count++] = item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items!.Span[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
