namespace OrleansGossip.Grains.Protocol.Tables;

/// <summary>
/// How many bytes the nodes' run-long tables hold in native memory (<see cref="RunLongBuffer{T}"/>), which the
/// managed heap's figures leave out; a benchmark adds them to what a node takes.
/// </summary>
public static class RunLongMemory
{
    private static long s_bytesHeld;

    public static long BytesHeld => Interlocked.Read(ref s_bytesHeld);

    internal static void Add(long bytes) => Interlocked.Add(ref s_bytesHeld, bytes);
}
