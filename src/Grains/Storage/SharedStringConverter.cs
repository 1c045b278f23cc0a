using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseGrid.Grains.Storage;

/// <summary>Reads strings of stored events through <see cref="SharedStrings"/>; writes them as the default converter does.</summary>
internal sealed class SharedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SharedStrings.Share(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SharedStrings.Share(reader.GetString())!;
}
