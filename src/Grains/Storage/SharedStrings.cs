using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// One copy of the short identifiers cases read from their logs (user, unit and case ids, need-area codes): a staff
/// member's id is in every case they belong to, and each case names it in many records, so every active case would
/// otherwise hold its own copies of the same ids. A fixed table of recently seen ones, so it never grows and never holds
/// on to an id for long (a string that misses is kept as read). Free text (anything with white space, or long) is
/// left alone, except names (<see cref="ShareName"/>).
/// </summary>
internal static class SharedStrings
{
    /// <summary>The longest string looked up: ids and codes are shorter, text is not worth the look-up.</summary>
    public const int MaxLength = 64;

    private const int Slots = 1 << 15;

    private const int ArraySlots = 1 << 10;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>One-element arrays by their element; never handed out as arrays, only wrapped as immutable ones.</summary>
    private static readonly string[]?[] Arrays = new string[]?[ArraySlots];

    /// <summary>The held copy of <paramref name="value"/> when there is one, otherwise <paramref name="value"/>, now held.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Share(string? value) =>
        value is null || value.AsSpan().ContainsAny(WhiteSpace) ? value : Held(value);

    /// <summary>
    /// As <see cref="Share"/>, for a person's display name or a meeting's place: short text that names the same person or
    /// room in every case they are in (a staff member's name in each of their cases, the person's own name twice in theirs).
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? ShareName(string? value) => value is null ? null : Held(value);

    /// <summary>A one-element array of a shared id: a measure's need code, most often, held once for every case.</summary>
    public static ImmutableArray<string> ShareOne(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slot = (int)((uint)string.GetHashCode(value, StringComparison.Ordinal) & (ArraySlots - 1));
        var held = Volatile.Read(ref Arrays[slot]);
        if (held is { Length: 1 } && string.Equals(held[0], value, StringComparison.Ordinal))
        {
            return ImmutableCollectionsMarshal.AsImmutableArray(held);
        }

        held = [Share(value)];
        Volatile.Write(ref Arrays[slot], held);
        return ImmutableCollectionsMarshal.AsImmutableArray(held);
    }

    private static string Held(string value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return value;
        }

        var slot = (int)((uint)string.GetHashCode(value, StringComparison.Ordinal) & (Slots - 1));
        var held = Volatile.Read(ref Table[slot]);
        if (held is not null && string.Equals(held, value, StringComparison.Ordinal))
        {
            return held;
        }

        // Losing a race only costs a copy.
        Volatile.Write(ref Table[slot], value);
        return value;
    }

    private static readonly System.Buffers.SearchValues<char> WhiteSpace = System.Buffers.SearchValues.Create(" \t\r\n\u00a0");
}
