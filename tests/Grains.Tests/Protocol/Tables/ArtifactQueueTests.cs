using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Grains.Protocol.Tables;
using Xunit;

namespace OrleansGossip.Grains.Tests.Protocol.Tables;

public sealed class ArtifactQueueTests
{
    [Fact]
    public void It_keeps_first_in_first_out_across_the_end_of_its_ring_and_through_growth()
    {
        var queue = new ArtifactQueue();
        var expected = new Queue<ArtifactId>();
        var next = 1UL;
        var random = new Random(3);
        for (var step = 0; step < 5_000; step++)
        {
            // More in than out on average, so that the ring both wraps and grows while wrapped.
            if (random.Next(5) < 3)
            {
                var id = new ArtifactId(new Hash128(0, next++));
                queue.Enqueue(id);
                expected.Enqueue(id);
            }
            else
            {
                Assert.Equal(expected.TryDequeue(out var want), queue.TryDequeue(out var got));
                Assert.Equal(want, got);
            }
        }

        Assert.Equal(expected.Count, queue.Count);
        Assert.Equal(expected, queue.InOrder());
    }

    [Fact]
    public void An_empty_queue_gives_nothing()
    {
        var queue = new ArtifactQueue();
        queue.Enqueue(new ArtifactId(new Hash128(1, 1)));
        queue.Dequeue();

        Assert.False(queue.TryDequeue(out _));
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
        Assert.Empty(queue.InOrder());
    }
}
