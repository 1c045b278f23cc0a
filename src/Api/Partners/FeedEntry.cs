namespace CaseGrid.Api.Partners;

/// <summary>One place in the feed as the store holds it.</summary>
/// <param name="Position">Its position.</param>
/// <param name="CaseId">The case whose event it is; empty for a position that holds no event.</param>
/// <param name="Version">The event's case version.</param>
/// <param name="MayRead">Whether the partner index lets the reading system read the case at all.</param>
public sealed record FeedEntry(FeedPosition Position, string CaseId, long Version, bool MayRead);
