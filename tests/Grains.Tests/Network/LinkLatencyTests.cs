using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Grains.Network;
using Xunit;

namespace OrleansGossip.Grains.Tests.Network;

public sealed class LinkLatencyTests
{
    private const int Samples = 20_000;

    [Fact]
    public void A_constant_link_always_takes_its_latency_and_draws_nothing()
    {
        var random = new Random(1);
        var witness = new Random(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(40, LinkLatency.SampleMs(LinkLatencyModel.Constant, 40, 30, 10, random)));
        Assert.Equal(witness.NextDouble(), random.NextDouble());
    }

    [Fact]
    public void A_uniform_link_adds_up_to_its_jitter()
    {
        var samples = Draw(LinkLatencyModel.Uniform, 40, jitterMs: 30, stdDevMs: 0);

        Assert.All(samples, ms => Assert.InRange(ms, 40, 70));
        Assert.InRange(samples.Average(), 54, 56);
        Assert.True(samples.Min() < 41 && samples.Max() > 69, "the draws do not cover the jitter's range");
    }

    [Fact]
    public void A_uniform_link_without_jitter_is_constant()
    {
        Assert.All(Draw(LinkLatencyModel.Uniform, 40, 0, 0), ms => Assert.Equal(40, ms));
    }

    [Fact]
    public void A_normal_link_has_its_mean_and_deviation()
    {
        var samples = Draw(LinkLatencyModel.Normal, 100, jitterMs: 0, stdDevMs: 15);

        var mean = samples.Average();
        var deviation = Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / (samples.Count - 1));
        Assert.InRange(mean, 99.5, 100.5);
        Assert.InRange(deviation, 14.5, 15.5);
    }

    [Fact]
    public void A_normal_link_never_goes_below_zero()
    {
        var samples = Draw(LinkLatencyModel.Normal, 5, jitterMs: 0, stdDevMs: 20);

        Assert.All(samples, ms => Assert.True(ms >= 0));
        Assert.InRange(samples.Count(ms => ms == 0) / (double)samples.Count, 0.35, 0.45); // P(N(5, 20) < 0) is about 0.40
    }

    [Fact]
    public void The_same_seed_draws_the_same_latencies()
    {
        Assert.Equal(Draw(LinkLatencyModel.Normal, 50, 0, 10, seed: 9), Draw(LinkLatencyModel.Normal, 50, 0, 10, seed: 9));
    }

    private static List<double> Draw(LinkLatencyModel model, double baseMs, double jitterMs, double stdDevMs, int seed = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Samples).Select(_ => LinkLatency.SampleMs(model, baseMs, jitterMs, stdDevMs, random)).ToList();
    }
}
