namespace OrleansGossip.Grains.Engine;

/// <summary>Places a grain on the silo whose address is its key (<c>SiloAddress.ToParsableString()</c>), and nowhere else.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    internal static SiloPinnedPlacement Instance { get; } = new();
}
