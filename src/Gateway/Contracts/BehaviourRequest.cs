namespace OrleansGossip.Gateway.Contracts;

/// <summary>A behaviour to give a running node: <c>honest</c>, <c>withhold</c>, <c>corrupt</c> or <c>slow</c> (with <see cref="Fraction"/>).</summary>
public sealed class BehaviourRequest
{
    public string? Behaviour { get; init; }

    /// <summary>For <c>slow</c>: the share of its bandwidth the node serves at, above 0 and below 1.</summary>
    public double? Fraction { get; init; }
}
