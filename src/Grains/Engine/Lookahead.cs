using OrleansGossip.Abstractions.Nodes;

namespace OrleansGossip.Grains.Engine;

/// <summary>
/// A subnet's window: the smallest one-way delay any of its messages can have, never below the delivery tick. A link
/// of the constant or uniform model is never faster than its base latency; a normal one can be as fast as 0, so a
/// subnet with one has the tick as its window, and each node raises a draw below the window to it
/// (<see cref="NetworkSettings.MinLatencyMs"/>).
/// </summary>
public static class Lookahead
{
    /// <summary>The window of a subnet whose nodes have <paramref name="links"/>, in emulated ticks.</summary>
    public static long WindowTicks(IEnumerable<NetworkSettings> links, TimeSpan deliveryTick)
    {
        var floor = Math.Max(1, deliveryTick.Ticks);
        var least = double.PositiveInfinity;
        foreach (var link in links)
        {
            least = Math.Min(least, FastestMs(link));
        }

        return double.IsPositiveInfinity(least) ? floor : Math.Max(floor, (long)Math.Floor(least * TimeSpan.TicksPerMillisecond));
    }

    /// <summary>The fastest a message on <paramref name="link"/> can arrive, in emulated milliseconds.</summary>
    public static double FastestMs(NetworkSettings link)
    {
        if (link.Model == LinkLatencyModel.Normal && link.StdDevMs > 0)
        {
            return 0;
        }

        var least = link.LatencyMs;
        foreach (var ms in link.RegionLatencyMs?.Values ?? [])
        {
            least = Math.Min(least, ms);
        }

        return least;
    }
}
