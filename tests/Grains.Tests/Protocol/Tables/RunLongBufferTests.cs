using System.Runtime.CompilerServices;
using OrleansGossip.Grains.Protocol.Tables;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol.Tables;

public sealed class RunLongBufferTests
{
    [Fact]
    public void A_new_buffer_is_cleared_and_growing_keeps_its_items_and_clears_the_room_added()
    {
        using var buffer = new RunLongBuffer<long>(100);
        Assert.All(buffer.Span.ToArray(), item => Assert.Equal(0, item));
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer.Span[i] = i + 1;
        }

        buffer.Grow(1_000);

        Assert.Equal(1_000, buffer.Length);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), buffer.Span[..100].ToArray());
        Assert.All(buffer.Span[100..].ToArray(), item => Assert.Equal(0, item));
    }

    [Fact]
    public void A_buffer_refuses_to_shrink_or_to_grow_once_disposed()
    {
        var buffer = new RunLongBuffer<int>(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Grow(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunLongBuffer<int>(0));

        buffer.Dispose();

        Assert.Equal(0, buffer.Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.Grow(16));
    }
}

/// <summary>
/// The process-wide count of run-long bytes, read before and after: alone, so that no other test's tables come and
/// go meanwhile.
/// </summary>
[CollectionDefinition(nameof(RunLongMemoryTests), DisableParallelization = true)]
public sealed class RunLongMemoryCollection;

[Collection(nameof(RunLongMemoryTests))]
public sealed class RunLongMemoryTests
{
    [Fact]
    public void The_count_follows_what_buffers_hold_and_give_back()
    {
        CollectEverything();
        var before = RunLongMemory.BytesHeld;

        var buffer = new RunLongBuffer<long>(1_024);
        Assert.Equal(before + (1_024 * sizeof(long)), RunLongMemory.BytesHeld);

        buffer.Grow(4_096);
        Assert.Equal(before + (4_096 * sizeof(long)), RunLongMemory.BytesHeld);

        buffer.Dispose();
        Assert.Equal(before, RunLongMemory.BytesHeld);
    }

    [Fact]
    public void A_buffer_nobody_holds_gives_its_memory_back_when_collected()
    {
        CollectEverything();
        var before = RunLongMemory.BytesHeld;

        var held = MakeAndDrop();
        Assert.Equal(before + held, RunLongMemory.BytesHeld);

        CollectEverything();
        Assert.Equal(before, RunLongMemory.BytesHeld);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MakeAndDrop()
    {
        var buffer = new RunLongBuffer<int>(10_000);
        buffer.Span.Fill(7);
        return (long)buffer.Length * sizeof(int);
    }

    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
