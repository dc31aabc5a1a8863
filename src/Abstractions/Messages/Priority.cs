namespace OrleansGossip.Abstractions.Messages;

/// <summary>
/// The classes a priority function sorts adverts into, highest first. Bandwidth goes to higher classes first.
/// </summary>
[GenerateSerializer]
public enum Priority : byte
{
    /// <summary>Fetch ahead of everything else.</summary>
    FetchNow,

    /// <summary>Fetch.</summary>
    Fetch,

    /// <summary>Not yet: keep the advert and judge it again when the priority function is rebuilt.</summary>
    Later,

    /// <summary>Keep the advert but do not fetch unless the priority changes.</summary>
    Stash,

    /// <summary>Unwanted: forget the advert.</summary>
    Drop,
}
