using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CaseGrid.Grains.Storage;

/// <summary>Reads strings of stored events through <see cref="SharedStrings"/>; writes them as the default converter does.</summary>
internal sealed class SharedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SharedStrings.Share(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SharedStrings.Share(reader.GetString())!;

    /// <summary>
    /// Names in events (a member's or the person's display name, a meeting's place) are read through
    /// <see cref="SharedStrings.ShareName"/>, and an array of one id (a measure's need code) as one shared array.
    /// </summary>
    public static void ShareNamesAndSingleIds(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string) && property.Name is "displayName" or "place")
            {
                property.CustomConverter = SharedNameConverter.Instance;
            }
            else if (property.PropertyType == typeof(ImmutableArray<string>))
            {
                property.CustomConverter = SharedIdsConverter.Instance;
            }
        }
    }

    private sealed class SharedNameConverter : JsonConverter<string>
    {
        public static readonly SharedNameConverter Instance = new();

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            SharedStrings.ShareName(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>An array of ids, read with its ids shared, and an array of one id shared whole; written as it is.</summary>
    private sealed class SharedIdsConverter : JsonConverter<ImmutableArray<string>>
    {
        public static readonly SharedIdsConverter Instance = new();

        public override ImmutableArray<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"Expected an array of strings, not {reader.TokenType}.");
            }

            // Most of these arrays hold one id: that one is read without a builder, and shared whole.
            string? first = null;
            ImmutableArray<string>.Builder? more = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var value = reader.TokenType == JsonTokenType.String
                    ? SharedStrings.Share(reader.GetString())!
                    : throw new JsonException($"Expected a string in the array, not {reader.TokenType}.");
                if (more is not null)
                {
                    more.Add(value);
                }
                else if (first is null)
                {
                    first = value;
                }
                else
                {
                    more = ImmutableArray.CreateBuilder<string>();
                    more.Add(first);
                    more.Add(value);
                }
            }

            return more?.DrainToImmutable() ?? (first is null ? [] : SharedStrings.ShareOne(first));
        }

        public override void Write(Utf8JsonWriter writer, ImmutableArray<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }
    }
}
