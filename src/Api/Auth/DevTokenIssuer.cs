using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CaseGrid.Api.Auth;

/// <summary>The local development issuer: signs tokens for demo users so the default run and the tests use real JWT validation.</summary>
public sealed class DevTokenIssuer(IOptions<AuthOptions> options, DevSigningKey key, TimeProvider clock)
{
    /// <summary>The client id of CaseGrid's own web app.</summary>
    public const string WebAppClientId = "casegrid-web";

    /// <summary>A signed token for a user.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string displayName, IEnumerable<string> roles, string? clientId) =>
        Sign([new("sub", userId), new("name", displayName), new("client_id", clientId ?? WebAppClientId), .. roles.Select(r => new Claim("role", r))]);

    /// <summary>A signed client-credentials token for a partner system acting on its own for an agency's unit.</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueSystem(string clientId, string displayName, string agency, string unitId, IEnumerable<string>? roles = null) =>
        Sign([
            new("sub", clientId), new("name", displayName), new("client_id", clientId), new("role", ActorExtensions.PartnerSystemRole), new("agency", agency), new("unit", unitId),
            .. (roles ?? []).Where(r => r != ActorExtensions.PartnerSystemRole).Select(r => new Claim("role", r)),
        ]);

    private (string Token, DateTimeOffset ExpiresAt) Sign(IEnumerable<Claim> claims)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(o.DevTokenMinutes);
        var token = new JwtSecurityToken(
            o.DevIssuer,
            o.Audience,
            claims,
            now.UtcDateTime,
            expires.UtcDateTime,
            new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), expires);
    }
}
