using CaseGrid.Api.Auth;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// What every answer tells the browser: a Content-Security-Policy that runs only CaseGrid's own scripts and styles (no
/// inline script or style, no eval), talks only to CaseGrid and its sign-in issuer, and may not be framed; no MIME
/// sniffing; no referrer sent on. The two third-party pages CaseGrid serves — the API reference (Swagger UI) and the
/// Orleans dashboard — inject their own styles at run time, so they alone may use inline styles (and the dashboard its
/// inline fonts); inline scripts stay refused there too.
/// </summary>
public sealed class SecurityHeadersMiddleware
{
    /// <summary>The pages whose third-party bundles need inline styles.</summary>
    private static readonly PathString[] ThirdPartyPages = [CaseGridOpenApi.ReferencePath, "/dashboard"];

    private readonly RequestDelegate _next;
    private readonly string _policy;
    private readonly string _thirdPartyPolicy;

    /// <summary>The policy for this host: the configured OpenID Connect issuer, when there is one, is the only other origin the web app talks to.</summary>
    public SecurityHeadersMiddleware(RequestDelegate next, IOptions<AuthOptions> auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        _next = next;
        var issuers = new[] { auth.Value.UsesDevelopmentIssuer ? null : auth.Value.Authority, auth.Value.MetadataAddress }
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);
        string Policy(string styles, string fonts) => string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            styles,
            "img-src 'self' data:",
            fonts,
            string.Join(' ', ["connect-src 'self'", .. issuers]),
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
        _policy = Policy("style-src 'self'", "font-src 'self'");
        _thirdPartyPolicy = Policy("style-src 'self' 'unsafe-inline'", "font-src 'self' data:");
    }

    /// <summary>The Content-Security-Policy this host sends.</summary>
    public string Policy => _policy;

    /// <summary>Add the headers to the answer, whatever produces it.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ThirdPartyPages.Any(p => context.Request.Path.StartsWithSegments(p)) ? _thirdPartyPolicy : _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return _next(context);
    }
}
