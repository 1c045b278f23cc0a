using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// HTTPS and a TLS-terminating proxy in front (section <c>CaseGrid:Http</c>). Outside Development CaseGrid redirects plain
/// HTTP to HTTPS and pins HTTPS with HSTS unless told not to; behind a proxy that terminates TLS, the proxy's
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are trusted when <see cref="ForwardedHeaders"/> is on, and only from
/// <see cref="KnownProxies"/> and <see cref="KnownNetworks"/>.
/// </summary>
public sealed class HttpSecurityOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Http";

    /// <summary>Redirect plain HTTP to HTTPS and send HSTS; unset means on outside the Development environment, off in it.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>The HTTPS port redirects go to (the proxy's).</summary>
    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 443;

    /// <summary>How long browsers keep to HTTPS once told (HSTS max-age), in days.</summary>
    [Range(1, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Take the client's address and scheme from a TLS-terminating proxy's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>.</summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>The proxies whose forwarded headers are believed, by address.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The networks whose forwarded headers are believed, in CIDR notation (e.g. <c>10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];
}
