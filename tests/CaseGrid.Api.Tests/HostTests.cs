using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseGrid.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Tests;

/// <summary>What the host shows before any case: authentication, health and the OpenAPI document.</summary>
[Collection(SharedHost.Name)]
public sealed class HostTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task Api_Returns401_WithoutToken()
    {
        using var client = factory.CreateClient();

        using var cases = await client.GetAsync($"/api/v1/cases/{Api.NewId("case")}");
        using var units = await client.GetAsync($"/api/v1/units/{Api.NewId("unit")}/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, cases.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, units.StatusCode);
    }

    [Fact]
    public async Task Api_Returns401_ForTokenSignedByAnotherKey()
    {
        var auth = factory.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var userId = Api.NewId("u-mallory");
        using var forged = factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Jwt(auth, userId, Encoding.UTF8.GetBytes("another-key-of-at-least-thirty-two-bytes!!")));
        using var genuine = factory.CreateClient();
        genuine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Jwt(auth, userId, Encoding.UTF8.GetBytes(auth.DevSigningKey)));
        var path = $"/api/v1/cases/{Api.NewId("case")}";

        using var refused = await forged.GetAsync(path);
        using var accepted = await genuine.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // The same token signed with the host's key gets past authentication (to the case, which does not exist).
        await accepted.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");
    }

    [Fact]
    public async Task HealthLive_Returns200()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_Returns200_WhenOrleansAndPostgreSqlAnswer()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_ListsTheCasePlanHandoverAndUnitRoutes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");
        var document = await response.OkJsonAsync();

        var paths = document["paths"]!.AsObject();
        string[] expected =
        [
            "/api/v1/cases",
            "/api/v1/cases/{caseId}",
            "/api/v1/cases/{caseId}/events",
            "/api/v1/cases/{caseId}/dates",
            "/api/v1/cases/{caseId}/members",
            "/api/v1/cases/{caseId}/members/{userId}/end",
            "/api/v1/cases/{caseId}/encounters",
            "/api/v1/cases/{caseId}/needs/{code}",
            "/api/v1/cases/{caseId}/needs/{code}/identify",
            "/api/v1/cases/{caseId}/handovers",
            "/api/v1/cases/{caseId}/handovers/{handoverId}/accept",
            "/api/v1/cases/{caseId}/handovers/{handoverId}/decline",
            "/api/v1/cases/{caseId}/handovers/{handoverId}/complete",
            "/api/v1/cases/{caseId}/responsibilities/{subject}/override",
            "/api/v1/units/{unitId}",
            "/api/v1/units/{unitId}/cases",
            "/api/v1/units/{unitId}/staff/{userId}",
        ];
        var missing = expected.Where(p => !paths.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, $"Missing from /openapi/v1.json: {string.Join(", ", missing)}. Listed: {string.Join(", ", paths.Select(p => p.Key))}");
        Assert.NotNull(paths["/api/v1/cases/{caseId}/needs/{code}"]!["put"]);
        Assert.NotNull(paths["/api/v1/cases/{caseId}/handovers/{handoverId}/complete"]!["post"]);
        Assert.NotNull(paths["/api/v1/units/{unitId}"]!["put"]);
    }

    /// <summary>An HS256 token like the development issuer's — same issuer, audience and claims — signed with <paramref name="key"/>.</summary>
    private static string Jwt(AuthOptions auth, string userId, byte[] key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["sub"] = userId,
            ["name"] = "Mallory",
            ["client_id"] = DevTokenIssuer.WebAppClientId,
            ["iss"] = auth.DevIssuer,
            ["aud"] = auth.Audience,
            ["nbf"] = now - 60,
            ["iat"] = now - 60,
            ["exp"] = now + 3600,
        };
        var unsigned = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
