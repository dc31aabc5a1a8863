using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Network;

/// <summary>Draws a message's latency on a link by the link's model, from the node's own seeded random source.</summary>
public static class LinkLatency
{
    /// <summary>
    /// <c>constant</c>: <paramref name="baseMs"/>; <c>uniform</c>: <paramref name="baseMs"/> plus a uniform draw from 0
    /// to <paramref name="jitterMs"/>; <c>normal</c>: a normal draw with mean <paramref name="baseMs"/> and deviation
    /// <paramref name="stdDevMs"/>, clamped at 0. A model with no spread draws nothing from <paramref name="random"/>.
    /// </summary>
    public static double SampleMs(LinkLatencyModel model, double baseMs, double jitterMs, double stdDevMs, Random random) => model switch
    {
        LinkLatencyModel.Constant => baseMs,
        LinkLatencyModel.Uniform => jitterMs > 0 ? baseMs + (random.NextDouble() * jitterMs) : baseMs,
        LinkLatencyModel.Normal => stdDevMs > 0 ? Math.Max(0, baseMs + (stdDevMs * StandardNormal(random))) : baseMs,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
