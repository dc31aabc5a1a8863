namespace OrleansGossip.Abstractions.Nodes;

/// <summary>The names by which scenario files and the command line choose a <see cref="GossipProtocol"/>.</summary>
public static class GossipProtocols
{
    public static IReadOnlyList<GossipProtocol> All { get; } = Enum.GetValues<GossipProtocol>();

    public static string WireName(this GossipProtocol protocol) => protocol switch
    {
        GossipProtocol.AdvertGossip => "advert-gossip",
        GossipProtocol.Flooding => "flooding",
        GossipProtocol.AbortableBroadcast => "abortable-broadcast",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    public static bool TryParse(string? name, out GossipProtocol protocol)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = default;
        return false;
    }

    public static string Names => string.Join(", ", All.Select(p => p.WireName()));
}
