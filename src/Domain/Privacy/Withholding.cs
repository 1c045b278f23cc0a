using System.Collections.Immutable;
using CaseGrid.Contracts.Privacy;

namespace CaseGrid.Domain.Privacy;

/// <summary>
/// What one reader does not get: the details withheld at <see cref="Level"/>, except in the need areas the reader owns
/// (accountable or supporting) — an owner is responsible for the area and always sees what is written in it.
/// </summary>
/// <param name="Level">The reader's level (domain §9).</param>
/// <param name="Owned">The areas the reader owns among those the level would withhold; empty for others.</param>
public sealed record Withholding(DetailAccess Level, ImmutableSortedSet<string> Owned)
{
    /// <summary>Nothing withheld.</summary>
    public static Withholding None { get; } = new(DetailAccess.Full, []);

    /// <summary>A level with no owned areas.</summary>
    public static implicit operator Withholding(DetailAccess level) => level switch
    {
        DetailAccess.Full => None,
        DetailAccess.HealthWithheld => HealthWithheldOnly,
        DetailAccess.DetailsWithheld => DetailsWithheldOnly,
        _ => new(level, []),
    };

    private static readonly Withholding HealthWithheldOnly = new(DetailAccess.HealthWithheld, []);

    private static readonly Withholding DetailsWithheldOnly = new(DetailAccess.DetailsWithheld, []);

    /// <summary>True when nothing is withheld.</summary>
    public bool IsNone => Level == DetailAccess.Full;

    /// <summary>A key equal for readers who get the same events.</summary>
    public string Key => IsNone ? "" : $"{Level}|{string.Join(',', Owned)}";

    /// <summary>The same withholding (for conversions the compiler does not pick).</summary>
    public static Withholding FromDetailAccess(DetailAccess level) => level;
}
