using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using CaseGrid.Contracts.Cases;

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
        Shareable(value) && !value.AsSpan().ContainsAny(WhiteSpace) ? Held(value) : value;

    /// <summary>
    /// As <see cref="Share"/>, for a person's display name or a meeting's place: short text that names the same person or
    /// room in every case they are in (a staff member's name in each of their cases, the person's own name twice in theirs).
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? ShareName(string? value) => Shareable(value) ? Held(value) : value;

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

    /// <summary>
    /// A case state read back from its snapshot with the copies a log read shares: the person's and members' names,
    /// meetings' places and measures' single need codes (<see cref="SharedStringConverter.ShareNamesAndSingleIds"/>).
    /// Equal to <paramref name="state"/>; records already holding the shared copies are kept as they are.
    /// </summary>
    public static CaseState ShareNamesIn(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var person = ShareName(state.Person.DisplayName);
        var members = Changed(state.Members, m => ShareName(m.DisplayName) is var name && !ReferenceEquals(name, m.DisplayName) ? m with { DisplayName = name } : m);
        var measures = Changed(state.Measures, m => m.NeedCodes.Length == 1 && ShareOne(m.NeedCodes[0]) is var one && !SameArray(one, m.NeedCodes) ? m with { NeedCodes = one } : m);
        var meetings = Changed(state.Meetings, m => ShareName(m.Place) is var place && !ReferenceEquals(place, m.Place) ? m with { Place = place } : m);
        return ReferenceEquals(person, state.Person.DisplayName) && members is null && measures is null && meetings is null
            ? state
            : state with
            {
                Person = ReferenceEquals(person, state.Person.DisplayName) ? state.Person : state.Person with { DisplayName = person },
                Members = members ?? state.Members,
                Measures = measures ?? state.Measures,
                Meetings = meetings ?? state.Meetings,
            };
    }

    private static bool SameArray(ImmutableArray<string> a, ImmutableArray<string> b) =>
        ReferenceEquals(ImmutableCollectionsMarshal.AsArray(a), ImmutableCollectionsMarshal.AsArray(b));

    /// <summary>The dictionary with the values <paramref name="share"/> replaced; null when it replaced none.</summary>
    private static ImmutableDictionary<string, T>? Changed<T>(ImmutableDictionary<string, T> values, Func<T, T> share)
        where T : class
    {
        List<KeyValuePair<string, T>>? changed = null;
        foreach (var (key, value) in values)
        {
            var shared = share(value);
            if (!ReferenceEquals(shared, value))
            {
                (changed ??= []).Add(new(key, shared));
            }
        }

        // Removed and added again: SetItems keeps a value that is equal to the new one, which these always are.
        return changed is null ? null : values.RemoveRange(changed.Select(c => c.Key)).AddRange(changed);
    }

    private static bool Shareable([NotNullWhen(true)] string? value) => value is { Length: > 0 and <= MaxLength };

    private static string Held(string value)
    {
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
