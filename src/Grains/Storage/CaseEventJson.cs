using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Storage;

/// <summary>How case events are written to and read from the log: JSON, with the type name as discriminator.</summary>
public static class CaseEventJson
{
    /// <summary>Options shared by the event log and the API, so a stored event reads back exactly as written.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly FrozenDictionary<Type, string> TypeNames = typeof(CaseEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToFrozenDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    /// <summary>The stable type name of an event, e.g. <c>handover-offered</c>.</summary>
    public static string TypeName(CaseEvent e) => TypeNames[e.GetType()];

    /// <summary>The stable type name of events of <paramref name="eventType"/>.</summary>
    public static string TypeName(Type eventType) => TypeNames[eventType];

    /// <summary>The event as JSON, including its type discriminator.</summary>
    public static string Serialize(CaseEvent e) => JsonSerializer.Serialize(e, Options);

    /// <summary>The event as UTF-8 JSON, including its type discriminator.</summary>
    public static byte[] SerializeToUtf8Bytes(CaseEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, Options);

    /// <summary>The event from its JSON.</summary>
    public static CaseEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<CaseEvent>(json, Options) ?? throw new JsonException("An event payload was null.");

    private static JsonSerializerOptions CreateOptions()
    {
        // jsonb stores keys in its own order, so the type discriminator may not come first when read back.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SharedStringConverter.ShareNamesAndSingleIds } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new SharedStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
