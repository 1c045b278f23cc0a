namespace CaseGrid.Contracts.Realtime;

/// <summary>A soft lock on a free-text field: one person edits it at a time until they release it or it expires.</summary>
/// <param name="Field">The field, e.g. <c>need:housing:assessment</c> or <c>meeting:m-1:minutes</c>.</param>
/// <param name="UserId">Who holds it.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
[GenerateSerializer, Immutable, Alias("casegrid.FieldLock")]
public sealed record FieldLock(string Field, string UserId, string DisplayName, DateTimeOffset ExpiresAt);
