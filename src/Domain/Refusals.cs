using CaseGrid.Contracts.Common;

namespace CaseGrid.Domain;

/// <summary>Short constructors for refusals, so rules read as rules.</summary>
internal static class Refusals
{
    public static DomainError BadRequest(string code, string detail) => new(ErrorKind.BadRequest, code, detail);

    public static DomainError Forbidden(string code, string detail) => new(ErrorKind.Forbidden, code, detail);

    public static DomainError NotFound(string code, string detail) => new(ErrorKind.NotFound, code, detail);

    public static DomainError Conflict(string code, string detail) => new(ErrorKind.Conflict, code, detail);

    public static DomainError Unprocessable(string code, string detail) => new(ErrorKind.Unprocessable, code, detail);

    /// <summary>An edit against an old version of an item: refused with the item's current value.</summary>
    public static DomainError Stale(string what, long expected, long current, object currentValue) =>
        new(ErrorKind.Conflict, "version.stale",
            $"The {what} was changed by someone else (you edited version {expected}, it is now at {current}). Review the current value and apply your change again.",
            current, currentValue);

    /// <summary>Checks a free-text field: required or optional, at most <paramref name="max"/> characters, no NUL.</summary>
    public static DomainError? Text(string? value, string field, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? BadRequest("text.required", $"'{field}' is required.") : null;
        }

        if (value.Length > max)
        {
            return BadRequest("text.too-long", $"'{field}' is longer than {max} characters.");
        }

        // PostgreSQL text and jsonb cannot hold NUL: refused here, so it is the client's error and not a failed write.
        return value.Contains('\0', StringComparison.Ordinal) ? BadRequest("text.invalid", $"'{field}' contains a NUL character.") : null;
    }

    /// <summary>Checks an id: 1–64 letters, digits, '-', '_' or '.'.</summary>
    public static DomainError? Id(string? value, string field) =>
        CaseGridIds.IsValid(value) ? null : BadRequest("id.invalid", $"'{field}' must be 1–{CaseGridIds.MaxLength} letters, digits, '-', '_' or '.'.");

    /// <summary>The first refusal among the checks, or null when all pass.</summary>
    public static DomainError? First(params DomainError?[] checks) => checks.FirstOrDefault(c => c is not null);
}
