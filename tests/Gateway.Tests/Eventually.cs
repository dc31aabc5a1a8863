using Xunit;

namespace OrleansGossip.Gateway.Tests;

/// <summary>Polls until a condition holds, or fails the test after a bounded time.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting: {because ?? "condition"}; last value: {value}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
