using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Gateway;

/// <summary>Writes and reads a <see cref="NodeId"/> as its string, as the API names nodes everywhere.</summary>
public sealed class NodeIdJsonConverter : JsonConverter<NodeId>
{
    public override NodeId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a node id is a string"));

    public override void Write(Utf8JsonWriter writer, NodeId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
