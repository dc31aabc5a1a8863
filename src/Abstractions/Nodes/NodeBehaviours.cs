namespace OrleansGossip.Abstractions.Nodes;

/// <summary>The names by which scenario files choose a <see cref="NodeBehaviour"/>.</summary>
public static class NodeBehaviours
{
    public static IReadOnlyList<NodeBehaviour> All { get; } = Enum.GetValues<NodeBehaviour>();

    public static string WireName(this NodeBehaviour behaviour) => behaviour switch
    {
        NodeBehaviour.AdvertSpam => "advert-spam",
        _ => behaviour.ToString().ToLowerInvariant(),
    };

    /// <summary>True for behaviours whose node serves its peers as an honest one does while it runs.</summary>
    public static bool ServesHonestly(this NodeBehaviour behaviour) =>
        behaviour is NodeBehaviour.Honest or NodeBehaviour.Crash or NodeBehaviour.Slow;

    public static bool TryParse(string? name, out NodeBehaviour behaviour)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                behaviour = candidate;
                return true;
            }
        }

        behaviour = default;
        return false;
    }

    public static string Names => string.Join(", ", All.Select(b => b.WireName()));
}
