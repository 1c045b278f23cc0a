using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CaseGrid.Api.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Who gets in with a token: only tokens the host's own issuer signed, with the algorithm it pins, for CaseGrid's
/// audience, not expired. The development issuer exists only in Development, with a key made for the process (or the
/// local data folder), never one written in the repository; outside Development the host will not start without an
/// OpenID Connect issuer.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class TokenTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task ATokenForgedWithTheKeyOnceCommitted_GetsNothing()
    {
        var key = Encoding.UTF8.GetBytes(ForgedTokens.OldCommittedKey);
        using var auditor = Client(ForgedTokens.Hmac(ForgedTokens.Claims(Api.NewId("u-mallory"), "auditor"), key));
        using var admin = Client(ForgedTokens.Hmac(ForgedTokens.Claims(Api.NewId("u-mallory"), Api.AdminRole), key));

        using var audit = await auditor.GetAsync("/api/v1/audit");
        using var units = await admin.GetAsync($"/api/v1/units/{Api.NewId("unit")}/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, units.StatusCode);
    }

    public static TheoryData<string, bool> DevelopmentTokens => new()
    {
        { "genuine: HS256 with the host's key", true },
        { "HS512 with the host's key", false },
        { "HS384 with the host's key", false },
        { "alg none", false },
        { "expired", false },
        { "another audience", false },
        { "another issuer", false },
        { "another key", false },
    };

    [Theory]
    [MemberData(nameof(DevelopmentTokens))]
    public async Task OnlyTheDevelopmentIssuersOwnKeyAndAlgorithm_GetIn(string token, bool accepted)
    {
        var key = factory.Services.GetRequiredService<DevSigningKey>().Key.Key;
        var userId = Api.NewId("u-mallory");
        var jwt = token switch
        {
            "genuine: HS256 with the host's key" => ForgedTokens.Hmac(ForgedTokens.Claims(userId), key),
            "HS512 with the host's key" => ForgedTokens.Hmac(ForgedTokens.Claims(userId), key, "HS512"),
            "HS384 with the host's key" => ForgedTokens.Hmac(ForgedTokens.Claims(userId), key, "HS384"),
            "alg none" => ForgedTokens.NoSignature(ForgedTokens.Claims(userId)),
            "expired" => ForgedTokens.Hmac(ForgedTokens.Claims(userId, expires: DateTimeOffset.UtcNow.AddMinutes(-5)), key),
            "another audience" => ForgedTokens.Hmac(ForgedTokens.Claims(userId, audience: "another-service"), key),
            "another issuer" => ForgedTokens.Hmac(ForgedTokens.Claims(userId, issuer: "https://issuer.example"), key),
            _ => ForgedTokens.Hmac(ForgedTokens.Claims(userId), Encoding.UTF8.GetBytes("another-key-of-at-least-thirty-two-bytes!!")),
        };
        using var client = Client(jwt);

        using var response = await client.GetAsync($"/api/v1/cases/{Api.NewId("case")}");

        if (accepted)
        {
            // Past authentication, to the case, which does not exist.
            await response.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task OutsideDevelopment_WithoutAnIssuer_TheHostRefusesToStart_NamingTheSetting()
    {
        await using var production = new CaseGridApiFactory { EnvironmentName = "Production" };
        production.Settings["CaseGrid:Auth:DevIssuerEnabled"] = "false";

        var refused = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("CaseGrid:Auth:Authority", Messages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDevelopment_TheDevelopmentIssuerSwitchedOn_TheHostRefusesToStart()
    {
        await using var production = new CaseGridApiFactory { EnvironmentName = "Production" };
        production.Settings["CaseGrid:Auth:Authority"] = "https://login.example.no/realms/casegrid";
        production.Settings["CaseGrid:Auth:DevIssuerEnabled"] = "true";

        var refused = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("CaseGrid:Auth:DevIssuerEnabled", Messages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDevelopmentKeyFile_IsMadeReadableByItsOwnerOnly_AndHostsNamingItShareTheKey()
    {
        var folder = Directory.CreateTempSubdirectory("casegrid-key-");
        try
        {
            var shared = Path.Combine(folder.FullName, "dev-signing.key");
            await using var first = KeyFileHost(shared);
            await using var second = KeyFileHost(shared);
            await using var other = KeyFileHost(Path.Combine(folder.FullName, "other.key"));
            var token = await first.TokenAsync(Api.NewId("u-kari"), "Kari Nilsen");

            Assert.True(File.Exists(shared));
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(shared));
            }

            using var onSecond = Client(second, token);
            using var onOther = Client(other, token);
            using var accepted = await onSecond.GetAsync($"/api/v1/cases/{Api.NewId("case")}");
            using var refused = await onOther.GetAsync($"/api/v1/cases/{Api.NewId("case")}");
            await accepted.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static CaseGridApiFactory KeyFileHost(string keyFile)
    {
        var host = new CaseGridApiFactory();
        host.Settings["CaseGrid:Auth:DevSigningKeyFile"] = keyFile;
        return host;
    }

    private HttpClient Client(string token) => Client(factory, token);

    private static HttpClient Client(CaseGridApiFactory host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Messages(Exception e) =>
        string.Join(" | ", e is AggregateException a ? a.Flatten().InnerExceptions.Select(Messages) : [e.Message, .. e.InnerException is null ? [] : new[] { Messages(e.InnerException) }]);
}
