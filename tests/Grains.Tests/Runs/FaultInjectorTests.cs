using Microsoft.Extensions.Logging.Abstractions;
using OrleansGossip.Abstractions.Nodes;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

public sealed class FaultInjectorTests
{
    [Theory]
    [InlineData(0.123)]
    [InlineData(0.979)]
    [InlineData(1500.0)]
    public async Task A_fault_given_for_now_is_applied_at_that_now(double nowMs)
    {
        // 0.123 ms is 0.000123 s, and 0.000123 s times 1000 is a hair above 0.123 ms: through seconds, the fault would
        // be due a moment after the now it was given for, and wait for the subnet's next window.
        var scenario = new ScenarioSpec { Name = "faults", Subnets = [new SubnetSpec { Id = "app", Nodes = 4 }] };
        var plans = new[] { SubnetPlan.From(scenario.Subnets[0]) };
        var faults = new FaultInjector(null!, "run", scenario, plans, new ControlSender(null!, "run"), (_, _, _) => Task.CompletedTask, NullLogger.Instance);

        // A heal with nothing cut calls no node.
        faults.ScheduleAt(0, new FaultSpec { Kind = "heal", Subnet = "app" }, nowMs);
        await faults.ApplyDueAsync(0, nowMs, inclusive: true);

        var applied = Assert.Single(faults.Events);
        Assert.Equal("heal", applied.Kind);
    }
}
