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

    /// <summary>Serves bodies at a fraction of its bandwidth.</summary>
    Slow,

    /// <summary>Adverts artifacts that do not exist.</summary>
    AdvertSpam,

    /// <summary>Honest until it crashes at a set time (and perhaps restarts).</summary>
    Crash,
}
