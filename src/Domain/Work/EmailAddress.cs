namespace CaseGrid.Domain.Work;

/// <summary>What CaseGrid takes for an e-mail address: one <c>@</c> with something on each side, no spaces, no list or quoting characters.</summary>
public static class EmailAddress
{
    /// <summary>The longest address accepted (RFC 5321's path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>True when <paramref name="address"/> can be mailed to.</summary>
    public static bool IsValid(string? address) =>
        address is { Length: > 2 and <= MaxLength }
        && address.IndexOf('@', StringComparison.Ordinal) is var at and > 0 && at < address.Length - 1
        && address.IndexOf('@', at + 1) < 0
        && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '[' or ']' or '\\');
}
