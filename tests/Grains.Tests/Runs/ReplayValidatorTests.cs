using OrleansGossip.Abstractions.Runs;
using OrleansGossip.Abstractions.Scenarios;
using OrleansGossip.Grains.Runs;
using Xunit;

namespace OrleansGossip.Grains.Tests.Runs;

/// <summary>An event log to replay is checked against its scenario, each problem at its path in the log.</summary>
public sealed class ReplayValidatorTests
{
    private static readonly ScenarioSpec Scenario = new()
    {
        Name = "replayed",
        DurationSeconds = 10,
        DrainSeconds = 5,
        Subnets = [new SubnetSpec { Id = "app", Nodes = 4 }],
    };

    [Fact]
    public void A_log_of_what_the_run_can_take_passes()
    {
        RunEvent[] log =
        [
            new FaultRunEvent { AtMs = 100, Fault = new FaultSpec { Kind = "add-node", Subnet = "app", Count = 1 } },
            new FaultRunEvent { AtMs = 150, Fault = new FaultSpec { Kind = "crash", Subnet = "app", Nodes = [4] } },
            new BehaviourRunEvent { AtMs = 200, Subnet = "app", Node = 4, Behaviour = "slow", Fraction = 0.5 },
            new SubmissionRunEvent { AtMs = 15_000, Node = "app-n4", ArtifactKind = "ingress", Size = 2048, Attribute = 300_000 },
        ];

        Assert.Empty(ReplayValidator.Validate(Scenario, log));
    }

    [Fact]
    public void Each_wrong_event_is_named_by_its_place_in_the_log_and_its_field()
    {
        RunEvent[] log =
        [
            new FaultRunEvent { AtMs = -1, Fault = new FaultSpec { Kind = "crash", Subnet = "app", Nodes = [9] } },
            new FaultRunEvent { AtMs = 10, Fault = new FaultSpec { Kind = "teleport", Subnet = "app" } },
            new BehaviourRunEvent { AtMs = 20, Subnet = "app", Node = 7, Behaviour = "advert-spam" },
            new SubmissionRunEvent { AtMs = 16_000, Node = "app-n9", ArtifactKind = "ingress", Size = 3 * 1024 * 1024 },
        ];

        var problems = ReplayValidator.Validate(Scenario, log).Select(p => p.Path).ToList();

        Assert.Contains("$.replay[0].atMs", problems);
        Assert.Contains(problems, p => p.StartsWith("$.replay[0].fault.nodes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.replay[1].fault", StringComparison.Ordinal));
        Assert.Contains("$.replay[2].node", problems);
        Assert.Contains("$.replay[2].behaviour", problems);
        Assert.Contains("$.replay[3].atMs", problems);
        Assert.Contains("$.replay[3].node", problems);
        Assert.Contains("$.replay[3].size", problems);
    }
}
