using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGossip.Abstractions.Artifacts;
using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Grains.Hosting;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

/// <summary>
/// The scheduler's local path: batches for a node attached on this silo are handed to it, not sent as grain calls.
/// The scheduler is given no grain factory, so a batch that took the grain-call path would never arrive.
/// </summary>
public sealed class DeliverySchedulerTests : IDisposable
{
    private readonly DeliveryScheduler _scheduler;

    public DeliverySchedulerTests()
    {
        _scheduler = new DeliveryScheduler(
            grains: null!,
            TimeProvider.System,
            Options.Create(new EmulatorOptions()),
            new NoLifetime(),
            NullLogger<DeliveryScheduler>.Instance);
    }

    [Fact]
    public async Task A_batch_for_an_attached_node_is_handed_to_it_without_a_grain_call()
    {
        var node = new RecordingNode();
        _scheduler.Attach("run/a", node);
        var envelope = Request("b", 1, 2);

        _scheduler.Schedule(new ScheduledMessage(_scheduler.MailboxOf("run/a"), envelope, TimeProvider.System.GetUtcNow()));

        var batch = await node.NextAsync();
        Assert.Equal([envelope], batch.Envelopes);
        Assert.False(batch.Downloaded);
        Assert.Equal(1, _scheduler.LocalDeliveries);
        Assert.Equal(0, _scheduler.GrainCallDeliveries);
    }

    [Fact]
    public async Task A_deactivating_node_does_not_detach_the_activation_that_replaced_it()
    {
        var old = new RecordingNode();
        var replacement = new RecordingNode();
        _scheduler.Attach("run/a", old);
        _scheduler.Attach("run/a", replacement);
        _scheduler.Detach("run/a", old);
        var envelope = Request("b", 3, 4);

        _scheduler.Schedule(new ScheduledMessage(_scheduler.MailboxOf("run/a"), envelope, TimeProvider.System.GetUtcNow(), Downloaded: true));

        var batch = await replacement.NextAsync();
        Assert.Equal([envelope], batch.Envelopes);
        Assert.True(batch.Downloaded);
        Assert.Empty(old.Received);
    }

    /// <summary>
    /// In the order sent, however many wait for one tick (they wait in chunks of a few hundred), and again once the
    /// tick's chunks are reused, with nothing of the round before.
    /// </summary>
    [Theory]
    [InlineData(6)]
    [InlineData(2_600)]
    public async Task Messages_scheduled_together_reach_each_destination_in_the_order_sent(int count)
    {
        var a = new RecordingNode();
        var b = new RecordingNode();
        _scheduler.Attach("run/a", a);
        _scheduler.Attach("run/b", b);
        for (var round = 0; round < 2; round++)
        {
            var due = TimeProvider.System.GetUtcNow();
            var sent = Enumerable.Range(0, count)
                .Select(i => new ScheduledMessage(
                    _scheduler.MailboxOf(i % 2 == 0 ? "run/a" : "run/b"),
                    Request("c", (ulong)round, (ulong)i),
                    due))
                .ToList();

            _scheduler.ScheduleAll(sent);

            Assert.Equal(sent.Where(m => m.Destination.Key == "run/a").Select(m => m.Envelope), (await a.NextAsync()).Envelopes);
            Assert.Equal(sent.Where(m => m.Destination.Key == "run/b").Select(m => m.Envelope), (await b.NextAsync()).Envelopes);
        }
    }

    [Fact]
    public async Task A_node_attached_after_its_sender_took_its_mailbox_gets_its_batches_handed_to_it()
    {
        var mailbox = _scheduler.MailboxOf("run/a");
        var node = new RecordingNode();
        _scheduler.Attach("run/a", node);
        var envelope = Request("b", 7, 8);

        _scheduler.Schedule(new ScheduledMessage(mailbox, envelope, TimeProvider.System.GetUtcNow()));

        Assert.Same(mailbox, _scheduler.MailboxOf("run/a"));
        Assert.Equal([envelope], (await node.NextAsync()).Envelopes);
        Assert.Equal(1, _scheduler.LocalDeliveries);
    }

    [Fact]
    public async Task Messages_due_at_once_that_have_and_have_not_passed_the_downlink_go_in_separate_batches()
    {
        var node = new RecordingNode();
        _scheduler.Attach("run/a", node);
        var mailbox = _scheduler.MailboxOf("run/a");
        var due = TimeProvider.System.GetUtcNow();
        var sent = Enumerable.Range(0, 4)
            .Select(i => new ScheduledMessage(
                mailbox,
                Request("c", 9, (ulong)i),
                due,
                Downloaded: i % 2 == 1))
            .ToList();

        _scheduler.ScheduleAll(sent);

        var batches = new[] { await node.NextAsync(), await node.NextAsync() };
        foreach (var downloaded in new[] { false, true })
        {
            var batch = Assert.Single(batches, b => b.Downloaded == downloaded);
            Assert.Equal(sent.Where(m => m.Downloaded == downloaded).Select(m => m.Envelope), batch.Envelopes);
        }
    }

    [Fact]
    public async Task Messages_due_less_than_a_millisecond_ahead_arrive_in_due_order_and_never_before_their_tick()
    {
        // Ticks a fraction of a millisecond away are slept for outside the monitor (ShortSleep), not waited for on it.
        var tick = _scheduler.Tick;
        var handed = new ConcurrentQueue<(string Node, DateTimeOffset At)>();
        var start = TimeProvider.System.GetUtcNow();
        var offsetsUs = new[] { 300, 600, 900, 1_700, 2_400, 3_100 };
        var nodes = offsetsUs.Select((_, i) => new RecordingNode(handed, $"run/{i}")).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            _scheduler.Attach($"run/{i}", nodes[i]);
        }

        var sent = offsetsUs
            .Select((us, i) => new ScheduledMessage(_scheduler.MailboxOf($"run/{i}"), Request("s", 10, (ulong)i), start.AddMicroseconds(us)))
            .ToList();
        _scheduler.ScheduleAll(sent);

        for (var i = 0; i < nodes.Count; i++)
        {
            Assert.Equal([sent[i].Envelope], (await nodes[i].NextAsync()).Envelopes);
        }

        Assert.Equal(sent.Select(m => m.Destination.Key), handed.Select(h => h.Node));
        foreach (var (message, (_, at)) in sent.Zip(handed))
        {
            var dueTick = (message.DueWall.UtcTicks + tick.Ticks - 1) / tick.Ticks;
            Assert.True(at.UtcTicks >= dueTick * tick.Ticks, $"{message.Destination.Key} was handed its batch before its tick");
        }
    }

    [Fact]
    public async Task A_batch_gathered_from_several_ticks_is_due_at_the_earliest_and_keeps_each_messages_tick()
    {
        // The messages are overdue when scheduled, so the scheduler takes their two ticks at once, into one batch.
        var node = new RecordingNode();
        _scheduler.Attach("run/a", node);
        var mailbox = _scheduler.MailboxOf("run/a");
        var now = TimeProvider.System.GetUtcNow();
        var earlier = new ScheduledMessage(mailbox, Request("b", 1, 1), now - TimeSpan.FromMilliseconds(50));
        var later = new ScheduledMessage(mailbox, Request("c", 1, 2), now - TimeSpan.FromMilliseconds(20));
        var alongside = new ScheduledMessage(mailbox, Request("d", 1, 3), later.DueWall);

        _scheduler.ScheduleAll([later, earlier, alongside]);

        var batch = await node.NextAsync();
        Assert.Equal([earlier.Envelope, later.Envelope, alongside.Envelope], batch.Envelopes);
        var tick = _scheduler.Tick.Ticks;
        var earliestTick = (earlier.DueWall.UtcTicks + tick - 1) / tick;
        var laterTick = (later.DueWall.UtcTicks + tick - 1) / tick;

        // Each message counts as late as it is: the node is told how many were due at each tick, the earliest first.
        // The node keeps the batch as it would go on as a grain call (to a node on another silo, or behind a call the
        // node awaits), so this also shows that form keeps them.
        Assert.Equal([new DueRun(earliestTick * tick, 1), new DueRun(laterTick * tick, 2)], batch.Dues);
    }

    /// <summary>A request for artifact (<paramref name="high"/>, <paramref name="low"/>) from node <paramref name="sender"/>.</summary>
    private static Envelope Request(string sender, ulong high, ulong low) =>
        new(new NodeId(sender), new ArtifactRequest(new ArtifactId(new Hash128(high, low)), Priority.Fetch));

    public void Dispose()
    {
        _scheduler.Dispose();
    }
}
