using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Auth;

/// <summary>
/// Token validation. With <see cref="Authority"/> set, tokens come from that OpenID Connect issuer; otherwise
/// from the local development issuer, which signs with <see cref="DevSigningKey"/> and hands out tokens at
/// <c>POST /dev/token</c> when <see cref="DevIssuerEnabled"/>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Auth";

    /// <summary>
    /// The OpenID Connect authority (issuer URL) in production; null for the development issuer. Its discovery document
    /// names the issuer and the signing keys (JWKS), which are fetched and refreshed from it.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The web app's client id at <see cref="Authority"/>: a public client that signs users in with the authorization
    /// code flow and PKCE. Told to the web app by <c>GET /api/v1/client-config</c>.
    /// </summary>
    public string? WebClientId { get; set; }

    /// <summary>The scopes the web app asks <see cref="Authority"/> for.</summary>
    [Required]
    public string WebScope { get; set; } = "openid profile";

    /// <summary>The discovery document's address when it is not under <see cref="Authority"/>'s <c>/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Whether the discovery document must be fetched over HTTPS (always, outside a closed test network).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding roles in the issuer's tokens (<c>role</c>; some issuers use <c>roles</c>).</summary>
    [Required]
    public string RoleClaim { get; set; } = "role";

    /// <summary>The audience tokens must carry.</summary>
    [Required]
    public string Audience { get; set; } = "casegrid";

    /// <summary>The development issuer's name.</summary>
    [Required]
    public string DevIssuer { get; set; } = "casegrid-dev";

    /// <summary>The development issuer's HMAC key (at least 32 characters).</summary>
    [Required, MinLength(32)]
    public string DevSigningKey { get; set; } = "casegrid-development-signing-key-not-for-production";

    /// <summary>Whether <c>POST /dev/token</c> hands out tokens. Never in production.</summary>
    public bool DevIssuerEnabled { get; set; }

    /// <summary>Lifetime of development tokens.</summary>
    [Range(1, 24 * 60)]
    public int DevTokenMinutes { get; set; } = 8 * 60;
}
