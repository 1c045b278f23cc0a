using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseGrid.Api.Endpoints;

/// <summary>The local development issuer's token endpoint. Mapped only when the development issuer is enabled.</summary>
public static class DevTokenEndpoints
{
    /// <summary>Map <c>POST /dev/token</c>, <c>POST /dev/system-token</c> and <c>GET /dev/users</c>.</summary>
    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", Issue)
            .WithTags("Development")
            .WithSummary("A signed token for a demo user (development issuer only).")
            .AllowAnonymous();
        app.MapPost("/dev/system-token", IssueSystem)
            .WithTags("Development")
            .WithSummary("A signed client-credentials token for a partner system acting for an agency's unit (development issuer only).")
            .AllowAnonymous();
        app.MapGet("/dev/users", (DevPeople people, CancellationToken cancellationToken) => people.ListAsync(cancellationToken))
            .WithTags("Development")
            .WithSummary("Everyone the development sign-in can offer: the staff of every unit and the persons of cases (development issuer only).")
            .AllowAnonymous();
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> Issue(DevTokenRequest? body, DevTokenIssuer issuer)
    {
        if (body is null || !CaseGridIds.IsValid(body.UserId) || body.DisplayName is { Length: > 200 }
            || body.Roles?.Contains(ActorExtensions.PartnerSystemRole) == true)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "token.invalid", "Give a valid userId (and optionally displayName, roles, clientId); partner systems use /dev/system-token."));
        }

        var name = body.DisplayName ?? DemoUsers.Names.GetValueOrDefault(body.UserId) ?? body.UserId;
        var (token, expires) = issuer.Issue(body.UserId, name, (body.Roles ?? []).Union(DemoUsers.Roles.GetValueOrDefault(body.UserId) ?? []), body.ClientId);
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", expires));
    }

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueSystem(DevSystemTokenRequest? body, DevTokenIssuer issuer)
    {
        if (body is null || !CaseGridIds.IsValid(body.ClientId) || !CaseGridIds.IsValid(body.UnitId)
            || !Enum.TryParse<Contracts.Groups.Agency>(body.Agency, ignoreCase: true, out var agency) || !Enum.IsDefined(agency)
            || body.DisplayName is { Length: > 200 } || body.Roles?.Any(r => !CaseGridIds.IsValid(r)) == true)
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "token.invalid", "Give a valid clientId, agency (e.g. Municipality, Nav, Health) and unitId (and optionally roles)."));
        }

        var (token, expires) = issuer.IssueSystem(body.ClientId, body.DisplayName ?? body.ClientId, agency.ToString(), body.UnitId, body.Roles);
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", expires));
    }
}

/// <summary>Which partner system the development token is for.</summary>
/// <param name="ClientId">The system's client id, e.g. <c>bergen-kommune-fagsystem</c>.</param>
/// <param name="Agency">The agency it acts for: Municipality, Nav, Health, Prison, Friomsorg…</param>
/// <param name="UnitId">The unit it acts for, e.g. <c>bergen-kommune</c>.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="Roles">More roles besides <c>partner-system</c>, e.g. <c>security-function</c> for a security department's system.</param>
public sealed record DevSystemTokenRequest(string ClientId, string Agency, string UnitId, string? DisplayName, string[]? Roles = null);

/// <summary>Who the development token is for.</summary>
/// <param name="UserId">The demo user's id, e.g. <c>u-kari</c>.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Roles">Roles, e.g. <c>casegrid-admin</c>.</param>
/// <param name="ClientId">A partner system's client id, when simulating one.</param>
public sealed record DevTokenRequest(string UserId, string? DisplayName, string[]? Roles, string? ClientId);

/// <summary>A development token.</summary>
public sealed record DevTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);
