using OrleansGossip.Abstractions.Messages;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Registry;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Engine;

/// <summary>
/// The engine's two rules: a subnet's window is its least latency, so that nothing sent in a window is due in it; and a
/// node takes its events by due time, sender and sequence, whatever order they reached it in.
/// </summary>
public sealed class WindowRuleTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void A_message_with_the_least_latency_sent_at_the_last_instant_of_a_window_is_taken_in_the_next_one()
    {
        var links = new NetworkSettings { LatencyMs = 50, Model = LinkLatencyModel.Constant };
        var window = Lookahead.WindowTicks([links], Tick);
        Assert.Equal(50 * TimeSpan.TicksPerMillisecond, window);

        var clock = new VirtualClock(DateTimeOffset.UnixEpoch);
        var inbox = new NodeInbox();
        var router = new InboxRouter(inbox);
        var network = new NodeNetwork(new NodeId("a"), links with { MinLatencyMs = 50 }, clock, new Random(7), router, Tick);

        // Window 3 is [150, 200) ms; its last instant is one emulated tick (100 ns) before 200 ms.
        // The request's own transfer takes a fraction of a millisecond, so it leaves at 200.0004 ms.
        var end = 4 * window;
        clock.AdvanceTo(end - 1);
        Assert.True(network.TrySend(new NodeId("b"), new RetransmissionRequest()));

        Assert.False(inbox.TryTakeTickBefore(end, out _), "a message sent in window 3 is due in window 3");
        Assert.True(inbox.TryTakeTickBefore(long.MaxValue, out var events));

        // 50 ms after it left the uplink, on the next whole tick: the first tick of window 5.
        Assert.Equal(end + window + TimeSpan.TicksPerMillisecond, Assert.Single(events).Key.DueTicks);
    }

    [Theory]
    [InlineData(LinkLatencyModel.Constant, 0, 40)]
    [InlineData(LinkLatencyModel.Uniform, 0, 40)]
    [InlineData(LinkLatencyModel.Normal, 0, 1)]
    [InlineData(LinkLatencyModel.Normal, 5, 1)]
    public void A_subnets_window_is_its_fastest_links_least_latency_and_never_below_the_tick(LinkLatencyModel model, double stdDevMs, double windowMs)
    {
        var links = new NetworkSettings { LatencyMs = 40, StdDevMs = stdDevMs, Model = model };
        var expected = model == LinkLatencyModel.Normal && stdDevMs == 0 ? 40 : windowMs;

        Assert.Equal(expected * TimeSpan.TicksPerMillisecond, Lookahead.WindowTicks([links], Tick));
    }

    [Fact]
    public void The_least_region_latency_sets_the_window_when_it_is_below_the_links()
    {
        var links = new NetworkSettings { LatencyMs = 50, RegionLatencyMs = new Dictionary<string, double> { ["eu"] = 10, ["us"] = 45 } };
        var faster = new NetworkSettings { LatencyMs = 50, RegionLatencyMs = new Dictionary<string, double> { ["eu"] = 45, ["us"] = 7 } };

        Assert.Equal(7 * TimeSpan.TicksPerMillisecond, Lookahead.WindowTicks([links, faster], Tick));
    }

    [Fact]
    public void A_link_of_no_latency_is_refused_with_what_is_wrong_and_why()
    {
        var scenario = new ScenarioSpec { Name = "instant", Subnets = [new SubnetSpec { Id = "app", Nodes = 4, Link = new LinkSpec { LatencyMs = 0 } }] };

        var problem = Assert.Single(ScenarioValidator.Validate(scenario));

        Assert.Equal("$.subnets[0].link.latencyMs", problem.Path);
        Assert.Contains("must be from 1 to 60000", problem.Message, StringComparison.Ordinal);
        Assert.Contains("window", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_takes_its_events_by_due_time_then_sender_then_sequence_whatever_order_they_came_in()
    {
        var keys = new[]
        {
            new EventKey(20, 3, 1), new EventKey(10, 5, 2), new EventKey(10, 5, 1), new EventKey(10, EventKey.ControlSender, 9),
            new EventKey(10, 2, 7), new EventKey(30, 0, 1),
        };
        var expected = keys.Order().ToList();
        var random = new Random(11);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var inbox = new NodeInbox();
            foreach (var key in keys.OrderBy(_ => random.Next()))
            {
                inbox.Add(key, default);
            }

            var taken = new List<EventKey>();
            while (inbox.TryTakeTickBefore(25, out var events))
            {
                taken.AddRange(events.Select(e => e.Key));
                inbox.Recycle(events);
            }

            Assert.Equal(expected.Where(k => k.DueTicks < 25), taken);
            Assert.Equal(30, inbox.NextDueTicks);
        }

        Assert.Equal(new EventKey(10, EventKey.ControlSender, 9), expected[0]);
    }

    private sealed class InboxRouter(NodeInbox inbox) : IMessageRouter
    {
        private long _sequence;

        public void Route(NodeId to, long dueTicks, in Envelope envelope) =>
            inbox.Add(new EventKey(dueTicks, 0, ++_sequence), new NodeEvent(envelope, false, null));
    }
}
