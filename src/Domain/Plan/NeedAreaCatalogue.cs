using System.Collections.Immutable;
using System.Text.Json;
using CaseGrid.Contracts.Plan;

namespace CaseGrid.Domain.Plan;

/// <summary>
/// The need areas a plan is built from (the POP set, domain §5), held as data in <c>need-areas.json</c>.
/// A case records the codes it was opened with, so a later catalogue change never rewrites history.
/// </summary>
public sealed class NeedAreaCatalogue
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ImmutableDictionary<string, NeedAreaDefinition> _byCode;

    /// <summary>Create a catalogue from its entries, in display order.</summary>
    public NeedAreaCatalogue(IEnumerable<NeedAreaDefinition> entries)
    {
        Entries = [.. entries];
        _byCode = Entries.ToImmutableDictionary(e => e.Code, StringComparer.Ordinal);
    }

    /// <summary>The catalogue shipped with CaseGrid.</summary>
    public static NeedAreaCatalogue Default { get; } = LoadDefault();

    /// <summary>Entries in display order.</summary>
    public ImmutableArray<NeedAreaDefinition> Entries { get; }

    /// <summary>The entry for <paramref name="code"/>, or null.</summary>
    public NeedAreaDefinition? Find(string code) => _byCode.GetValueOrDefault(code);

    private static NeedAreaCatalogue LoadDefault()
    {
        using var stream = typeof(NeedAreaCatalogue).Assembly.GetManifestResourceStream("CaseGrid.Domain.need-areas.json")
            ?? throw new InvalidOperationException("The need-area catalogue is not embedded in the assembly.");
        var entries = JsonSerializer.Deserialize<NeedAreaDefinition[]>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The need-area catalogue is empty.");
        return new NeedAreaCatalogue(entries);
    }
}
