using System.Collections.Concurrent;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

/// <summary>A node that keeps what it is handed, and notes in <paramref name="handed"/> (when given) when it was handed it.</summary>
internal sealed class RecordingNode(ConcurrentQueue<(string Node, DateTimeOffset At)>? handed = null, string key = "") : ILocalNode
{
    private readonly SemaphoreSlim _arrived = new(0);

    public ConcurrentQueue<MessageBatch> Received { get; } = new();

    public void Deliver(DeliveryBatch batch, bool downloaded)
    {
        handed?.Enqueue((key, TimeProvider.System.GetUtcNow()));

        // The scheduler may reuse the list once the node is done with it: keep a copy, due times and all.
        Received.Enqueue(batch.ToMessage(downloaded));
        _arrived.Release();
    }

    public async Task<MessageBatch> NextAsync()
    {
        Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "no batch arrived");
        Assert.True(Received.TryDequeue(out var batch));
        return batch;
    }
}
