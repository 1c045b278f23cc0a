using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>The local development issuer's token endpoint. Mapped only when the development issuer is enabled.</summary>
public static class DevTokenEndpoints
{
    /// <summary>Map <c>POST /dev/token</c>.</summary>
    public static RouteHandlerBuilder MapDevTokens(this IEndpointRouteBuilder app) =>
        app.MapPost("/dev/token", Issue)
            .WithTags("Development")
            .WithSummary("A signed token for a demo user (development issuer only).")
            .AllowAnonymous();

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> Issue(DevTokenRequest? body, DevTokenIssuer issuer)
    {
        if (body is null || !CaseGridIds.IsValid(body.UserId) || body.DisplayName is { Length: > 200 })
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "token.invalid", "Give a valid userId (and optionally displayName, roles, clientId)."));
        }

        var name = body.DisplayName ?? DemoUsers.Names.GetValueOrDefault(body.UserId) ?? body.UserId;
        var (token, expires) = issuer.Issue(body.UserId, name, body.Roles ?? [], body.ClientId);
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", expires));
    }
}

/// <summary>Who the development token is for.</summary>
/// <param name="UserId">The demo user's id, e.g. <c>u-kari</c>.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Roles">Roles, e.g. <c>casegrid-admin</c>.</param>
/// <param name="ClientId">A partner system's client id, when simulating one.</param>
public sealed record DevTokenRequest(string UserId, string? DisplayName, string[]? Roles, string? ClientId);

/// <summary>A development token.</summary>
public sealed record DevTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);
