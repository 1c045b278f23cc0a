using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Api.Partners;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Endpoints;

/// <summary>A partner system's webhook subscriptions: the feed pushed to a URL of its own, signed, retried, with dead letters.</summary>
public static class WebhookEndpoints
{
    private const int MaxUrlLength = 2000;

    /// <summary>Map <c>/api/v1/webhooks</c>.</summary>
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithSummary("Subscribe a URL to your feed; the answer carries the signing secret, shown this once.");
        group.MapGet("/", ListAsync).WithSummary("Your subscriptions.");
        group.MapGet("/{id}", GetAsync).WithSummary("One of your subscriptions.");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("End a subscription; its queued deliveries go with it.");
        group.MapGet("/{id}/dead-letters", DeadLettersAsync).WithSummary("Deliveries that ran out of attempts, oldest first.");
        group.MapPost("/{id}/dead-letters/{deliveryId:long}/redeliver", RedeliverAsync)
            .WithSummary("Put a dead letter back in the queue, in its place in feed order, with a fresh set of attempts.");
        return group;
    }

    private static async Task<Results<Created<WebhookCreated>, ProblemHttpResult>> CreateAsync(
        WebhookRequest? body, WebhookStore store, FeedReader feed, WebhookDestinations destinations, IOptions<WebhookOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var refused = PartnerAccess.SystemsOnly(actor, "Webhooks");
        if (refused is not null)
        {
            return ProblemResults.Problem(refused);
        }

        if (body?.Url is not { Length: <= MaxUrlLength } text || !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.UserInfo.Length > 0)
        {
            return ProblemResults.Problem(new DomainError(
                ErrorKind.BadRequest, "webhook.url-invalid", $"Give the receiver as an absolute http or https URL without credentials, at most {MaxUrlLength} characters."));
        }

        if (!destinations.Allows(url))
        {
            return ProblemResults.Problem(new DomainError(
                ErrorKind.Unprocessable, "webhook.url-not-allowed", "Webhooks go to the partner's own receiver on the internet, never to this machine, a private or link-local network or a metadata service."));
        }

        var (after, invalid) = PartnerAccess.Position(body.After, default);
        if (invalid is not null)
        {
            return ProblemResults.Problem(invalid);
        }

        // Without a position, deliveries start with what happens from now on.
        var start = body.After is null ? await feed.HeadAsync(cancellationToken) : after!.Value;
        var created = await store.CreateAsync(actor, url.AbsoluteUri, start, options.Value.MaxSubscriptionsPerSystem, cancellationToken);
        return created is null
            ? ProblemResults.Problem(new DomainError(ErrorKind.Conflict, "webhook.limit", $"A system has at most {options.Value.MaxSubscriptionsPerSystem} subscriptions."))
            : TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookView>>, ProblemHttpResult>> ListAsync(WebhookStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        return PartnerAccess.SystemsOnly(actor, "Webhooks") is { } refused
            ? ProblemResults.Problem(refused)
            : TypedResults.Ok(await store.ListAsync(actor, cancellationToken));
    }

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> GetAsync(string id, WebhookStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var refused = PartnerAccess.SystemsOnly(actor, "Webhooks");
        var view = refused is null ? (await store.ListAsync(actor, cancellationToken)).FirstOrDefault(v => v.Id == id) : null;
        return view is not null ? TypedResults.Ok(view) : ProblemResults.Problem(refused ?? NotFound());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, WebhookStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var refused = PartnerAccess.SystemsOnly(actor, "Webhooks") ?? (await store.DeleteAsync(actor, id, cancellationToken) ? null : NotFound());
        return refused is null ? TypedResults.NoContent() : ProblemResults.Problem(refused);
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ProblemHttpResult>> DeadLettersAsync(
        string id, WebhookStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var refused = PartnerAccess.SystemsOnly(actor, "Webhooks");
        var letters = refused is null ? await store.DeadLettersAsync(actor, id, cancellationToken) : null;
        return letters is not null ? TypedResults.Ok(letters) : ProblemResults.Problem(refused ?? NotFound());
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RedeliverAsync(
        string id, long deliveryId, WebhookStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var refused = PartnerAccess.SystemsOnly(actor, "Webhooks")
            ?? (await store.RedeliverAsync(actor, id, deliveryId, cancellationToken)
                ? null
                : new DomainError(ErrorKind.NotFound, "webhook.dead-letter-not-found", "The subscription has no such dead letter."));
        return refused is null ? TypedResults.Accepted($"/api/v1/webhooks/{id}") : ProblemResults.Problem(refused);
    }

    private static DomainError NotFound() => new(ErrorKind.NotFound, "webhook.not-found", "You have no such subscription.");
}

/// <summary>A new webhook subscription.</summary>
/// <param name="Url">Where to POST each event: an absolute http or https URL.</param>
/// <param name="After">Deliver the events after this feed position; from now on when left out.</param>
public sealed record WebhookRequest(string? Url, string? After);
