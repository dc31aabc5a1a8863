using System.Runtime.InteropServices;

namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// Native memory for a table a node keeps until its run ends (its receipts, its delivery log, a download queue's
/// ring), holding no references. The collector neither marks, copies nor scans it. Nor does allocating it count
/// towards the budget that starts full collections, as arrays on the pinned object heap did: a table that doubles as
/// it grows left each old array for a full collection to take back, and at 200 subnets those arrays started a
/// background collection of the whole heap every seven seconds or so. Memory a table grows out of goes back at
/// once (<see cref="Dispose"/>); the rest when the table's owner is collected.
/// </summary>
internal sealed unsafe class RunLongBuffer<T> : IDisposable
    where T : unmanaged
{
    private T* _items;

    /// <summary>
    /// <paramref name="length"/> cleared items. Each page is written before anything reads it: fresh pages that are
    /// read first map the kernel's shared zero page, and the first write to each then costs a copy and a flush of
    /// every core's address cache.
    /// </summary>
    public RunLongBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _items = (T*)NativeMemory.Alloc((nuint)length, (nuint)sizeof(T));
        Length = length;
        Span.Clear();
        RunLongMemory.Add(Bytes);
    }

    ~RunLongBuffer() => Free();

    public int Length { get; private set; }

    /// <summary>The items; good until the buffer grows or is disposed.</summary>
    public Span<T> Span => new(_items, Length);

    /// <summary>Makes room for <paramref name="length"/> items, keeping the ones held and clearing the new ones.</summary>
    public void Grow(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, Length);
        ObjectDisposedException.ThrowIf(_items is null, this);
        var held = Bytes;
        _items = (T*)NativeMemory.Realloc(_items, (nuint)length * (nuint)sizeof(T));
        var added = length - Length;
        Length = length;
        Span[^added..].Clear();
        RunLongMemory.Add(Bytes - held);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private long Bytes => (long)Length * sizeof(T);

    private void Free()
    {
        if (_items is null)
        {
            return;
        }

        NativeMemory.Free(_items);
        _items = null;
        RunLongMemory.Add(-Bytes);
        Length = 0;
    }
}
