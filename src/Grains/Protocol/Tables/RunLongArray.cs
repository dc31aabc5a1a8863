namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// Arrays for what a node keeps until its run ends, allocated on the pinned object heap. A young collection
/// neither marks nor copies them, and as they hold no references it does not scan them either: the tables a node
/// grows with every artifact stop being carried, again and again, by the collections that stop the emulator.
/// </summary>
internal static class RunLongArray
{
    /// <summary>
    /// A zeroed array, written before anything reads it. Fresh pages that are read first map the kernel's shared zero
    /// page, and the first write to each then costs a copy and a flush of every core's address cache; an array the
    /// tables probe before they fill it would pay that on every page.
    /// </summary>
    public static T[] Allocate<T>(int length)
        where T : unmanaged
    {
        var array = Uninitialized<T>(length);
        array.AsSpan().Clear();
        return array;
    }

    /// <summary>
    /// A longer array holding <paramref name="array"/>'s items: twice as long, and at least <paramref name="minimum"/>.
    /// The copy writes its first part, so only the rest is cleared.
    /// </summary>
    public static T[] Grow<T>(T[] array, int minimum)
        where T : unmanaged
    {
        var grown = Uninitialized<T>(Math.Max(minimum, array.Length * 2));
        array.CopyTo(grown, 0);
        grown.AsSpan(array.Length).Clear();
        return grown;
    }

    private static T[] Uninitialized<T>(int length)
        where T : unmanaged => GC.AllocateUninitializedArray<T>(length, pinned: true);
}
