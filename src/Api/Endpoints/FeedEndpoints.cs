using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Partners;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>The partner feed: every event a partner system may see, across cases, in one resumable order.</summary>
public static class FeedEndpoints
{
    private const int DefaultPage = 100;

    /// <summary>Map <c>/api/v1/feed</c>.</summary>
    public static RouteGroupBuilder MapFeed(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/feed").WithTags("Partner feed").RequireAuthorization();
        group.MapGet("/", ReadAsync).WithSummary("Events after ?after= (a position from the feed; the beginning when left out), at most ?max= (1–500).");
        group.MapGet("/head", HeadAsync).WithSummary("The feed's current end: read after it to get only what happens from now on.");
        return group;
    }

    private static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> ReadAsync(
        string? after, int? max, FeedReader feed, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var (position, error) = PartnerAccess.Position(after, FeedPosition.Start);
        error = PartnerAccess.SystemsOnly(actor, "The feed") ?? error;
        if (error is null && max is < 1 or > FeedReader.MaxPage)
        {
            error = new DomainError(ErrorKind.BadRequest, "query.invalid", $"Use 1 ≤ max ≤ {FeedReader.MaxPage}.");
        }

        return error is not null
            ? ProblemResults.Problem(error)
            : TypedResults.Ok(await feed.ReadAsync(actor, position!.Value, max ?? DefaultPage, cancellationToken));
    }

    private static async Task<Results<Ok<FeedHead>, ProblemHttpResult>> HeadAsync(FeedReader feed, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        PartnerAccess.SystemsOnly(user.ToActor(), "The feed") is { } error
            ? ProblemResults.Problem(error)
            : TypedResults.Ok(new FeedHead((await feed.HeadAsync(cancellationToken)).ToString()));
}

/// <summary>The feed's current end.</summary>
/// <param name="Position">Read after this position to get only what is written from now on.</param>
public sealed record FeedHead(string Position);
