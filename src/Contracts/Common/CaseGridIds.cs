using System.Text.RegularExpressions;

namespace CaseGrid.Contracts.Common;

/// <summary>Shape of the ids CaseGrid accepts for cases, units, users and plan items.</summary>
public static partial class CaseGridIds
{
    /// <summary>Longest id accepted anywhere.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="id"/> is 1–64 characters of letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && IdPattern().IsMatch(id);

    /// <summary>A new random id with a readable prefix, e.g. <c>m-3f9a1c2b7d4e</c>.</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex IdPattern();
}
