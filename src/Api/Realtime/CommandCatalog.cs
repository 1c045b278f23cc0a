using System.Collections.Frozen;
using System.Text.Json;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Api.Realtime;

/// <summary>The case commands by name (<c>AddGoal</c>, <c>OfferHandover</c>, …), for clients that send commands over the hub.</summary>
public static class CommandCatalog
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(CaseCommand).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsPublic: true } && t.IsSubclassOf(typeof(CaseCommand)))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every command name.</summary>
    public static IEnumerable<string> Names => Types.Keys;

    /// <summary>The command named <paramref name="name"/> read from <paramref name="body"/>, or null when either is not valid.</summary>
    public static CaseCommand? Read(string? name, JsonElement body, JsonSerializerOptions options)
    {
        if (name is null || !Types.TryGetValue(name, out var type) || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return (CaseCommand?)body.Deserialize(type, options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
