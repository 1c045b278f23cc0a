using System.Collections.Immutable;

namespace CaseGrid.Api.Partners;

/// <summary>A page of a partner system's feed.</summary>
/// <param name="Events">The events the system may see, in feed order.</param>
/// <param name="Next">
/// The position to read on from: the last event examined, even one of a case the system may not see, so the next read
/// moves past it. Equal to the position asked for when nothing new has been written.
/// </param>
public sealed record FeedPage(ImmutableArray<FeedEvent> Events, string Next);
