using CaseGrid.Contracts.Cases;

namespace CaseGrid.Api.Partners;

/// <summary>One event in a partner system's feed, as that system may see it; the same shape is a webhook's body.</summary>
/// <param name="Position">Where the event stands in the feed; read on after it to get what follows.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case version the event produced.</param>
/// <param name="ActorId">Who acted.</param>
/// <param name="ClientId">The system that acted, if not the CaseGrid app.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Event">What happened, with the details the system may not see withheld.</param>
public sealed record FeedEvent(
    string Position, string CaseId, long Version, string ActorId, string? ClientId, DateTimeOffset OccurredAt, CaseEvent Event)
{
    /// <summary>The feed item for <paramref name="record"/> at <paramref name="position"/>.</summary>
    public static FeedEvent From(FeedPosition position, CaseEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(position.ToString(), record.CaseId, record.Version, record.ActorId, record.ClientId, record.OccurredAt, record.Event);
    }
}
