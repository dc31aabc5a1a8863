using System.Globalization;
using System.Text.RegularExpressions;
using OrleansGossip.Abstractions.Artifacts;

namespace OrleansGossip.Gateway.Problems;

/// <summary>Checks the ids in routes and bodies: runs, registries, subnets and nodes are names; artifacts are 32 hex digits.</summary>
public static partial class Ids
{
    public const int MaxLength = 100;

    public static string Name(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !NamePattern().IsMatch(value))
        {
            throw GatewayProblemException.BadRequest(field, $"'{value}' is not a valid id: use 1 to {MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        return value;
    }

    public static ArtifactId Artifact(string? value, string field)
    {
        if (value is not { Length: 32 }
            || !ulong.TryParse(value.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(value.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            throw GatewayProblemException.BadRequest(field, $"'{value}' is not an artifact id: 32 hexadecimal digits");
        }

        return new ArtifactId(new Hash128(high, low));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
