using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Auth;

/// <summary>
/// Token validation. With <see cref="Authority"/> set, tokens come from that OpenID Connect issuer, signed with one of
/// its asymmetric keys. Without it — allowed only in the Development environment — from the local development issuer,
/// whose HMAC key is made for the process (or kept in <see cref="DevSigningKeyFile"/>) and never written in the
/// repository; it hands out tokens at <c>POST /dev/token</c> when <see cref="DevIssuerEnabled"/>.
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

    /// <summary>
    /// Where the development issuer keeps its HMAC key, so several processes on one machine (the API hosts of the local
    /// cluster) and a restarted one accept each other's tokens: created on first use, readable by its owner only.
    /// Without it, each process makes a key of its own at start.
    /// </summary>
    public string? DevSigningKeyFile { get; set; }

    /// <summary>Whether <c>POST /dev/token</c> hands out tokens. Only in the Development environment: elsewhere the host refuses to start with it.</summary>
    public bool DevIssuerEnabled { get; set; }

    /// <summary>True when tokens come from the development issuer: no <see cref="Authority"/> (only possible in Development).</summary>
    public bool UsesDevelopmentIssuer => string.IsNullOrWhiteSpace(Authority);

    /// <summary>True when <c>POST /dev/token</c> is served: the development issuer is in use and switched on.</summary>
    public bool ServesDevelopmentTokens => UsesDevelopmentIssuer && DevIssuerEnabled;

    /// <summary>Lifetime of development tokens.</summary>
    [Range(1, 24 * 60)]
    public int DevTokenMinutes { get; set; } = 8 * 60;
}
