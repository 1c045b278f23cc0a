using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Partners;

/// <summary>The refusals the feed and the webhooks share.</summary>
internal static class PartnerAccess
{
    /// <summary>Null for a partner system acting on its own; otherwise why a user may not use <paramref name="what"/>.</summary>
    public static DomainError? SystemsOnly(ActorRef actor, string what) =>
        actor.IsSystem
            ? null
            : new DomainError(ErrorKind.Forbidden, "partner.systems-only", $"{what} is for partner systems acting on their own, with a client-credentials token.");

    /// <summary>The position in <paramref name="text"/>; <paramref name="fallback"/> when none is given; null and a refusal when it is not one.</summary>
    public static (FeedPosition? Position, DomainError? Error) Position(string? text, FeedPosition fallback) =>
        text is null ? (fallback, null)
        : FeedPosition.TryParse(text, out var position) ? (position, null)
        : (null, new DomainError(ErrorKind.BadRequest, "feed.position-invalid", "A feed position is one the feed returned, e.g. \"next\" of a page."));
}
