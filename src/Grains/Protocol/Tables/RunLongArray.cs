namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// Arrays for what a node keeps until its run ends, allocated on the pinned object heap. A young collection
/// neither marks nor copies them, and as they hold no references it does not scan them either: the tables a node
/// grows with every artifact stop being carried, again and again, by the collections that stop the emulator.
/// </summary>
internal static class RunLongArray
{
    public static T[] Allocate<T>(int length)
        where T : unmanaged => GC.AllocateArray<T>(length, pinned: true);

    /// <summary>A longer array holding <paramref name="array"/>'s items: twice as long, and at least <paramref name="minimum"/>.</summary>
    public static T[] Grow<T>(T[] array, int minimum)
        where T : unmanaged
    {
        var grown = Allocate<T>(Math.Max(minimum, array.Length * 2));
        array.CopyTo(grown, 0);
        return grown;
    }
}
