using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansGossip.Gateway;

/// <summary>
/// How the API writes and reads JSON: web names (camelCase), enums by kebab-case name, node and subnet ids as strings,
/// and infinities and NaN as strings rather than a failure. Request bodies are read strictly: a member the API does not know is an error.
/// </summary>
public static class GatewayJson
{
    public static JsonSerializerOptions Requests { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    });

    /// <summary>Applies the API's conventions to <paramref name="options"/> (the host's HTTP JSON options, for responses).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        }

        if (!options.Converters.OfType<NodeIdJsonConverter>().Any())
        {
            options.Converters.Add(new NodeIdJsonConverter());
            options.Converters.Add(new SubnetIdJsonConverter());
        }

        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;

        return options;
    }
}
