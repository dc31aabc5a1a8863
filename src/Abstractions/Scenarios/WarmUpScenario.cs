namespace OrleansGossip.Abstractions.Scenarios;

/// <summary>
/// The warm-up run of a scenario, made before the measured one on the same silos so that the measured one does not
/// pay for the runtime compiling the nodes' code again, optimized, in its first second: the scenario's own workload
/// at time scale 1 on at most <see cref="MaxSubnets"/> of its subnets, without its faults.
/// </summary>
public static class WarmUpScenario
{
    /// <summary>Enough subnets for every path of the scenario's to get hot, few enough to take seconds on any scenario.</summary>
    public const int MaxSubnets = 20;

    /// <summary>The longest warm-up, in emulated seconds at time scale 1.</summary>
    public const double MaxSeconds = 600;

    /// <summary>Emulated seconds a warm-up run drains for after its workload.</summary>
    public const double DrainSeconds = 2;

    /// <summary>Whether a warm-up may last <paramref name="seconds"/> (0 for none).</summary>
    public static bool IsAllowed(double seconds) => seconds is >= 0 and <= MaxSeconds;

    /// <summary>
    /// The warm-up run of <paramref name="scenario"/> for <paramref name="seconds"/>, or null when it has none: for 0
    /// seconds, or when the cut is not a valid scenario (<paramref name="problem"/> then says where and why).
    /// </summary>
    public static ScenarioSpec? For(ScenarioSpec scenario, double seconds, out string? problem)
    {
        problem = null;
        if (seconds <= 0)
        {
            return null;
        }

        var warmUp = Of(scenario, seconds);
        if (ScenarioValidator.Validate(warmUp) is [var first, ..])
        {
            problem = $"{first.Path}: {first.Message}";
            return null;
        }

        return warmUp;
    }

    /// <summary>The warm-up run of <paramref name="scenario"/>: its workload, for <paramref name="seconds"/>, on its first subnets.</summary>
    public static ScenarioSpec Of(ScenarioSpec scenario, double seconds) => scenario with
    {
        Name = scenario.Name + "-warmup",
        TimeScale = 1,
        DurationSeconds = seconds,
        DrainSeconds = DrainSeconds,
        Subnets = scenario.Subnets.Take(MaxSubnets).ToList(),
        Faults = [],
    };
}
