using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseGrid.Api.Tests;

/// <summary>
/// What every answer tells the browser, and HTTPS behind a TLS-terminating proxy: a Content-Security-Policy without
/// inline script or style and no framing, no sniffing, no referrer; HTTPS redirection and HSTS when configured (on by
/// default outside Development), with the proxy's forwarded scheme trusted only from the proxies named.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class HttpSecurityTests(CaseGridApiFactory factory)
{
    [Theory]
    [InlineData("/api/v1/client-config")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/cases/case-none")]
    [InlineData("/openapi/v1.json")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task TheThirdPartyPages_MayUseInlineStyles_ButNeverInlineScripts()
    {
        using var client = factory.CreateClient();

        using var reference = await client.GetAsync("/api/reference/index.html");
        using var app = await client.GetAsync("/api/v1/client-config");

        var policy = Assert.Single(reference.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Assert.Single(app.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLoopbackDevelopmentRun_NeitherRedirectsNorPinsHttps()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://casegrid.example") });

        using var response = await client.GetAsync("/api/v1/client-config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindATlsProxy_PlainHttpIsRedirected_AndHttpsFromTheProxyIsPinnedWithHsts()
    {
        await using var host = new CaseGridApiFactory();
        host.Settings["CaseGrid:Http:RequireHttps"] = "true";
        host.Settings["CaseGrid:Http:ForwardedHeaders"] = "true";
        host.Settings["CaseGrid:Http:KnownNetworks:0"] = "127.0.0.0/8";
        host.Settings["CaseGrid:Http:KnownNetworks:1"] = "::1/128";
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://casegrid.example") });

        using var plain = await client.GetAsync("/api/v1/client-config");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/api/v1/client-config");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        using var throughProxy = await client.SendAsync(forwarded);
        using var probe = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://casegrid.example/api/v1/client-config", plain.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, throughProxy.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(throughProxy.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);

        // The proxy's health probe over plain HTTP is answered, not redirected.
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }
}
