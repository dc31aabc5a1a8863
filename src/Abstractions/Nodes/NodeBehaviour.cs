namespace OrleansGossip.Abstractions.Nodes;

/// <summary>How a node treats its peers.</summary>
[GenerateSerializer]
public enum NodeBehaviour : byte
{
    Honest,

    /// <summary>Adverts what it holds but never serves a body.</summary>
    Withhold,

    /// <summary>Serves bodies whose bytes do not match their advert's hash.</summary>
    Corrupt,
}
