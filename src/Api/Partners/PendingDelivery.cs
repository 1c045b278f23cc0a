namespace CaseGrid.Api.Partners;

/// <summary>The oldest delivery a subscription has yet to make.</summary>
/// <param name="Id">The delivery.</param>
/// <param name="Position">The event's feed position.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The event's case version.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="Due">True when it may be attempted now; false while it backs off.</param>
public sealed record PendingDelivery(long Id, FeedPosition Position, string CaseId, long Version, int Attempts, bool Due);
