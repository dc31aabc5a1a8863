namespace OrleansGossip.Abstractions.Nodes;

/// <summary>The names by which scenario files choose a <see cref="LinkLatencyModel"/>.</summary>
public static class LinkLatencyModels
{
    public static IReadOnlyList<LinkLatencyModel> All { get; } = Enum.GetValues<LinkLatencyModel>();

    public static string WireName(this LinkLatencyModel model) => model.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out LinkLatencyModel model)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                model = candidate;
                return true;
            }
        }

        model = default;
        return false;
    }
}
