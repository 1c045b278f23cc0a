using System.Diagnostics.CodeAnalysis;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// One copy of the short identifiers cases read from their logs (user, unit and case ids, need-area codes): a staff
/// member's id is in every case they belong to, and each case names it in many records, so every active case would
/// otherwise hold its own copies of the same ids. A fixed table of recently seen ones, so it never grows and never holds
/// on to an id for long (a string that misses is kept as read). Free text (anything with white space, or long) is
/// left alone.
/// </summary>
internal static class SharedStrings
{
    /// <summary>The longest string looked up: ids and codes are shorter, text is not worth the look-up.</summary>
    public const int MaxLength = 64;

    private const int Slots = 1 << 15;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The held copy of <paramref name="value"/> when there is one, otherwise <paramref name="value"/>, now held.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Share(string? value)
    {
        if (value is null || value.Length is 0 or > MaxLength || value.AsSpan().ContainsAny(WhiteSpace))
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
