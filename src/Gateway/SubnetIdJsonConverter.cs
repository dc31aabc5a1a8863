using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGossip.Abstractions.Registry;

namespace OrleansGossip.Gateway;

/// <summary>Writes and reads a <see cref="SubnetId"/> as its string, as the API names subnets everywhere.</summary>
public sealed class SubnetIdJsonConverter : JsonConverter<SubnetId>
{
    public override SubnetId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a subnet id is a string"));

    public override void Write(Utf8JsonWriter writer, SubnetId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
