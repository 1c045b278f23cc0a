using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using CaseGrid.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CaseGrid.Api.Tests;

/// <summary>
/// CaseGrid behind an external OpenID Connect issuer, as in production: a real issuer on loopback publishes its discovery
/// document and RSA signing keys; tokens it signs are accepted, development tokens are not, and a partner system's
/// client-credentials token from it acts for its agency and unit.
/// </summary>
public sealed class OidcIssuerTests : IAsyncLifetime
{
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication _issuer = null!;
    private string _authority = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _issuer = builder.Build();
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "casegrid-test-key" });
        _issuer.MapGet("/.well-known/openid-configuration", (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = $"{_authority}/jwks",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        _issuer.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = key.Kty, kid = key.Kid, use = "sig", alg = "RS256", n = key.N, e = key.E } } }));
        await _issuer.StartAsync();
        _authority = _issuer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _rsa.Dispose();
    }

    [Fact]
    public async Task TokensOfTheConfiguredIssuer_AreAccepted_AndDevelopmentTokensAreNot()
    {
        await using var factory = Factory();
        using var anonymous = factory.CreateClient();

        // With an issuer configured the development issuer does not exist, and a token signed like its tokens gets nothing.
        using var devToken = await anonymous.PostAsJsonAsync("/dev/token", new { userId = "u-kari" });
        Assert.Equal(HttpStatusCode.NotFound, devToken.StatusCode);
        var devKey = factory.Services.GetRequiredService<DevSigningKey>().Key.Key;
        using var withDev = Client(factory, ForgedTokens.Hmac(ForgedTokens.Claims("u-kari"), devKey));
        using var refused = await withDev.GetAsync("/api/v1/cases/case-none");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Nor does a token that names the issuer but is signed with a symmetric key: only the issuer's asymmetric algorithms count.
        using var confused = Client(factory, ForgedTokens.Hmac(ForgedTokens.Claims("u-kari", issuer: _authority), devKey));
        using var refusedConfused = await confused.GetAsync("/api/v1/cases/case-none");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedConfused.StatusCode);
        using var unsigned = Client(factory, ForgedTokens.NoSignature(ForgedTokens.Claims("u-kari", issuer: _authority)));
        using var refusedUnsigned = await unsigned.GetAsync("/api/v1/cases/case-none");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedUnsigned.StatusCode);

        using var withIssuer = Client(factory, Sign([new("sub", "u-kari"), new("name", "Kari Nilsen"), new("client_id", "casegrid-web")]));
        using var accepted = await withIssuer.GetAsync("/api/v1/cases/case-none");
        await accepted.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");

        using var wrongAudience = Client(factory, Sign([new("sub", "u-kari")], audience: "another-service"));
        using var refusedAudience = await wrongAudience.GetAsync("/api/v1/cases/case-none");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedAudience.StatusCode);
    }

    [Fact]
    public async Task ClientConfig_TellsTheWebAppToSignInAtTheConfiguredIssuer_WithItsClientId()
    {
        await using var factory = Factory();
        factory.Settings["CaseGrid:Auth:WebClientId"] = "casegrid-web";
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/api/v1/client-config");
        var config = await response.OkJsonAsync();
        Assert.False(config["devIssuer"]!.GetValue<bool>());
        Assert.Equal(_authority, config.Str("authority"));
        Assert.Equal("casegrid-web", config.Str("clientId"));
        Assert.Equal("openid profile", config.Str("scope"));
    }

    [Fact]
    public async Task ClientConfig_OffersTheDevelopmentIssuer_WhenNoAuthorityIsConfigured()
    {
        await using var factory = new CaseGridApiFactory();
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/api/v1/client-config");
        var config = await response.OkJsonAsync();
        Assert.True(config["devIssuer"]!.GetValue<bool>());
        Assert.Null(config.Str("authority"));
        Assert.Null(config.Str("clientId"));
    }

    [Fact]
    public async Task APartnerSystemsClientCredentialsToken_ActsForItsAgencyAndUnit()
    {
        await using var factory = Factory();
        using var system = Client(factory, Sign([new("sub", "bergen-fagsystem"), new("client_id", "bergen-fagsystem"), new("roles", "partner-system"), new("agency", "Municipality"), new("unit", "bergen-kommune")]));
        using var user = Client(factory, Sign([new("sub", "u-kari"), new("name", "Kari Nilsen")]));

        using var feed = await system.GetAsync("/api/v1/feed/head");
        using var userFeed = await user.GetAsync("/api/v1/feed/head");

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        await userFeed.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WebUsers_SigningInThroughTheConfiguredWebClient_EachHaveTheirOwnShareOfRequests()
    {
        await using var factory = Factory();
        factory.Settings["CaseGrid:Auth:WebClientId"] = "casegrid-spa";
        factory.Settings["CaseGrid:RateLimits:PermitsPerWindow"] = "3";
        using var kari = Client(factory, Sign([new("sub", "u-kari"), new("name", "Kari Nilsen"), new("azp", "casegrid-spa")]));
        using var nora = Client(factory, Sign([new("sub", "u-nora"), new("name", "Nora Lie"), new("azp", "casegrid-spa")]));
        using var system = Client(factory, Sign([new("sub", "bergen-fagsystem"), new("client_id", "bergen-fagsystem"), new("roles", "partner-system"), new("agency", "Municipality"), new("unit", "bergen-kommune")]));

        for (var i = 0; i < 3; i++)
        {
            using var used = await kari.GetAsync("/api/v1/cases/case-none");
            Assert.Equal(HttpStatusCode.NotFound, used.StatusCode);
        }

        using var kariOver = await kari.GetAsync("/api/v1/cases/case-none");
        using var noraServed = await nora.GetAsync("/api/v1/cases/case-none");
        using var systemServed = await system.GetAsync("/api/v1/feed/head");

        Assert.Equal(HttpStatusCode.TooManyRequests, kariOver.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noraServed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, systemServed.StatusCode);
    }

    private CaseGridApiFactory Factory()
    {
        var factory = new CaseGridApiFactory();
        factory.Settings["CaseGrid:Auth:Authority"] = _authority;
        factory.Settings["CaseGrid:Auth:RequireHttpsMetadata"] = "false";
        factory.Settings["CaseGrid:Auth:RoleClaim"] = "roles";
        return factory;
    }

    private static HttpClient Client(CaseGridApiFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Sign(Claim[] claims, string audience = "casegrid")
    {
        var now = DateTime.UtcNow;
        var credentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "casegrid-test-key" }, SecurityAlgorithms.RsaSha256);
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(_authority, audience, claims, now, now.AddMinutes(10), credentials));
    }
}
