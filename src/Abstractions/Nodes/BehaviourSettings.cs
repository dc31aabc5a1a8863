namespace OrleansGossip.Abstractions.Nodes;

/// <summary>
/// The parameters of a node's behaviour: the share of its uplink bandwidth a <c>slow</c> node serves bodies at, and
/// the bogus adverts per second an <c>advert-spam</c> node sends each peer until <see cref="AdvertSpamUntilMs"/>
/// (emulated milliseconds since the run's epoch: the end of the run, so that spam stops with it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BehaviourSettings
{
    [Id(0)] public double ServeFraction { get; init; } = 1;

    [Id(1)] public double AdvertSpamPerSecond { get; init; }

    [Id(2)] public double AdvertSpamUntilMs { get; init; } = double.PositiveInfinity;

    public static BehaviourSettings Default { get; } = new();
}
