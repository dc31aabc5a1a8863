using System.Text.RegularExpressions;

namespace OrleansGossip.Hosting.Storage;

/// <summary>The rules for blob container names, and the blob names grain state is kept under.</summary>
public static partial class BlobNames
{
    /// <summary>True for a valid container name: 3 to 63 lower-case letters, digits and hyphens, no hyphen first, last or twice.</summary>
    public static bool IsValidContainer(string? name) => name is { Length: >= 3 and <= 63 } && ContainerPattern().IsMatch(name);

    /// <summary>The blob of one grain's state: <c>&lt;service&gt;/&lt;state&gt;/&lt;grain id, escaped&gt;</c>.</summary>
    public static string ForGrain(string serviceId, string stateName, GrainId grainId) =>
        $"{Uri.EscapeDataString(serviceId)}/{Uri.EscapeDataString(stateName)}/{Uri.EscapeDataString(grainId.ToString())}";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$")]
    private static partial Regex ContainerPattern();
}
