using System.Diagnostics;
using Xunit;

namespace OrleansGossip.Cluster.Tests;

/// <summary>Waits for the cluster to reach a state by asking it again and again, instead of sleeping a fixed time.</summary>
public static class Poll
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test, naming <paramref name="what"/>, if it never does.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"gave up after {limit.TotalSeconds:F0} s waiting until {what}");
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls <paramref name="read"/> until its value satisfies <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        T value = default!;
        await UntilAsync(
            async () =>
            {
                value = await read();
                return done(value);
            },
            what,
            timeout);
        return value;
    }
}
