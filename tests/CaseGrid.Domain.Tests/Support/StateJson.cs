using System.Text.Json;
using System.Text.Json.Nodes;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Domain.Tests.Support;

/// <summary>
/// Compares states by content. Records holding immutable dictionaries and lists compare those by reference, so
/// two states built different ways are compared as JSON, with every object's properties (and so every dictionary's
/// keys) in ordinal order.
/// </summary>
public static class StateJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Canonical(CaseState? state) =>
        Sorted(JsonSerializer.SerializeToNode(state, Options))?.ToJsonString(Options) ?? "null";

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
