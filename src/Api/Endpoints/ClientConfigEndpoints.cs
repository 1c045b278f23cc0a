using CaseGrid.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Endpoints;

/// <summary>What the web app needs to know before anyone signs in: how to sign in.</summary>
public static class ClientConfigEndpoints
{
    /// <summary>Map <c>GET /api/v1/client-config</c>, open to anonymous callers.</summary>
    public static RouteHandlerBuilder MapClientConfig(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/client-config", Get)
            .WithTags("Client")
            .WithSummary("How the web app signs in: through the configured OpenID Connect issuer, or the development issuer.")
            .AllowAnonymous();

    private static Ok<ClientConfigResponse> Get(IOptions<AuthOptions> options)
    {
        var o = options.Value;
        // Tokens of the development issuer are accepted only when no external authority is configured.
        return TypedResults.Ok(new ClientConfigResponse(o.ServesDevelopmentTokens, o.UsesDevelopmentIssuer ? null : o.Authority, o.UsesDevelopmentIssuer ? null : o.WebClientId, o.WebScope));
    }
}

/// <summary>How the web app signs in.</summary>
/// <param name="DevIssuer">Whether to offer the demo users of the development issuer (<c>POST /dev/token</c>).</param>
/// <param name="Authority">The OpenID Connect issuer to sign in at, when one is configured.</param>
/// <param name="ClientId">The web app's client id at <paramref name="Authority"/>.</param>
/// <param name="Scope">The scopes to ask for.</param>
public sealed record ClientConfigResponse(bool DevIssuer, string? Authority, string? ClientId, string Scope);
