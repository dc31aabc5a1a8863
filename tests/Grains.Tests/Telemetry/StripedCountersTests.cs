using OrleansGossip.Grains.Telemetry;
using Xunit;

namespace OrleansGossip.Grains.Tests.Telemetry;

public sealed class StripedCountersTests
{
    [Fact]
    public async Task Adds_from_many_threads_sum_to_the_exact_total_per_counter()
    {
        const int threads = 16;
        const int addsPerThread = 20_000;
        var counters = new StripedCounters(11);

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < addsPerThread; i++)
                {
                    counters.Add(i % counters.Count, 1);
                    counters.Add(10, t);
                }
            },
            TestContext.Current.CancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        for (var counter = 0; counter < 10; counter++)
        {
            var expected = threads * Enumerable.Range(0, addsPerThread).Count(i => i % 11 == counter);
            Assert.Equal(expected, counters.Read(counter));
        }

        var tenth = (long)threads * Enumerable.Range(0, addsPerThread).Count(i => i % 11 == 10);
        Assert.Equal(tenth + ((long)addsPerThread * Enumerable.Range(0, threads).Sum()), counters.Read(10));
    }

    [Fact]
    public void A_counter_outside_the_set_is_refused()
    {
        var counters = new StripedCounters(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => counters.Read(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StripedCounters(0));
    }
}
