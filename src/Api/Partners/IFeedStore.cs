namespace CaseGrid.Api.Partners;

/// <summary>
/// Where the partner feed's order and the partner index are read (PostgreSQL or Azure Storage). Either way the promise is
/// the same: one order that only grows at the end, positions a reader resumes after, and nothing passed that could still
/// appear behind a position already handed out (a writer not yet committed holds readers back).
/// </summary>
public interface IFeedStore
{
    /// <summary>
    /// Up to <paramref name="max"/> feed entries after <paramref name="after"/> in feed order, each saying whether the
    /// partner index lets a system acting for <paramref name="unitId"/> read its case at all (a case the index has no word
    /// of counts as readable: its grain decides). An entry without a case (a closed position) is never readable.
    /// </summary>
    Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int max, string? unitId, CancellationToken cancellationToken);

    /// <summary>The position of the last entry that can be read now.</summary>
    Task<FeedPosition> HeadAsync(CancellationToken cancellationToken);

    /// <summary>What the partner index says of a case for a system acting for <paramref name="unitId"/>; null when it has no word of it.</summary>
    Task<PartnerReachRow?> ReachAsync(string caseId, string? unitId, CancellationToken cancellationToken);
}
