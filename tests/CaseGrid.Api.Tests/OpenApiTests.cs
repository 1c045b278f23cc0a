using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseGrid.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CaseGrid.Api.Tests;

/// <summary>The OpenAPI document is complete for a reader, and the reference page works with no network beyond the host.</summary>
[Collection(SharedHost.Name)]
public sealed partial class OpenApiTests(CaseGridApiFactory factory)
{
    private static readonly string[] Writes = ["post", "put", "patch"];

    [Fact]
    public async Task Document_Parses_WithoutErrors()
    {
        using var client = factory.CreateClient();
        await using var stream = await client.GetStreamAsync("/openapi/v1.json");

        var read = await OpenApiDocument.LoadAsync(stream, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotNull(read.Document);
        Assert.Equal("CaseGrid API", read.Document.Info.Title);
        Assert.True(read.Document.Paths.Count > 30, $"Only {read.Document.Paths.Count} paths.");
    }

    [Fact]
    public async Task EveryWriteWithABody_HasAnExampleBody()
    {
        var document = await DocumentAsync();
        var writes = Operations(document).Where(o => Writes.Contains(o.Method) && o.Operation["requestBody"] is not null).ToList();

        Assert.True(writes.Count > 30, $"Only {writes.Count} writes with a body.");
        Assert.All(writes, w =>
        {
            var content = w.Operation["requestBody"]!["content"]!.AsObject();
            Assert.True(content.Count > 0, $"{w.Method} {w.Path} has a body without content.");
            Assert.All(content, media => Assert.True(media.Value!["example"] is JsonObject { Count: > 0 }, $"{w.Method} {w.Path} ({media.Key}) has no example."));
        });
    }

    [Fact]
    public async Task Examples_SpeakOfTheDemoWorld_NotOfPlaceholders()
    {
        var document = await DocumentAsync();
        var identify = Operation(document, "/api/v1/cases/{caseId}/needs/{code}/identify", "post");
        var example = identify["requestBody"]!["content"]!["application/json"]!["example"]!;

        Assert.Equal("u-kari", example.Str("ownerId"));
        Assert.Contains("leilighet", example.Str("ownWords"), StringComparison.Ordinal);
        var open = Operation(document, "/api/v1/cases", "post")["requestBody"]!["content"]!["application/json"]!["example"]!;
        Assert.Equal("Serving", open.Str("phase"));
        Assert.Equal("fengsel-bergen", open.Str("unitId"));
    }

    [Fact]
    public void RequestTypeWithoutACataloguedExample_StillGetsAPlausibleOne()
    {
        var json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var example = CaseGridOpenApi.ExampleFor(typeof(UncataloguedRequest), json)!;

        Assert.Equal("case-demo-ola", example.Str("caseId"));
        Assert.Equal("bergen-kommune", example.Str("toUnitId"));
        Assert.Equal("u-kari", example.Str("ownerId"));
        Assert.Equal("housing", example.Str("needCode"));
        Assert.Equal("2026-06-12", example.Str("due"));
        Assert.Equal("Person", example.Str("agency"));
        Assert.Equal("housing", example["needCodes"]![0]!.GetValue<string>());
        Assert.False(example["urgent"]!.GetValue<bool>());
        Assert.Equal("1", example["expectedVersion"]!.ToJsonString());
        Assert.False(string.IsNullOrWhiteSpace(example.Str("reason")));
    }

    [Fact]
    public async Task BearerJwt_IsDeclared_AndRequired_ByTheApi_NotByTheDevelopmentIssuer()
    {
        var document = await DocumentAsync();

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme.Str("type"));
        Assert.Equal("bearer", scheme.Str("scheme"));
        Assert.Equal("JWT", scheme.Str("bearerFormat"));
        // The web app asks how to sign in before it has a token: the one anonymous route of the API.
        var api = Operations(document).Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal) && o.Path != "/api/v1/client-config").ToList();
        Assert.NotEmpty(api);
        Assert.All(api, o => Assert.True(
            o.Operation["security"] is JsonArray { Count: 1 } security && security[0] is JsonObject requirement && requirement.ContainsKey("Bearer"),
            $"{o.Method} {o.Path} does not require the bearer scheme."));
        Assert.Null(Operation(document, "/dev/token", "post")["security"]);
        Assert.Null(Operation(document, "/api/v1/client-config", "get")["security"]);
    }

    [Fact]
    public async Task Refusals_AreDocumented_AsProblemJson_WithCodes()
    {
        var document = await DocumentAsync();

        var problem = document["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.NotNull(problem["properties"]!["code"]);
        var errors = Operations(document)
            .SelectMany(o => o.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').Select(r => (o.Path, o.Method, Status: r.Key, Response: r.Value!)))
            .ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            var media = e.Response["content"]?["application/problem+json"];
            Assert.True(media is not null, $"{e.Method} {e.Path} {e.Status} is not application/problem+json.");
            Assert.Equal(int.Parse(e.Status, System.Globalization.CultureInfo.InvariantCulture), media!["example"]!["status"]!.GetValue<int>());
        });
        var conflict = Operation(document, "/api/v1/cases/{caseId}/handovers/{handoverId}/accept", "post")["responses"]!["409"]!;
        Assert.Equal("handover.closed", conflict["content"]!["application/problem+json"]!["example"]!.Str("code"));
    }

    [Fact]
    public async Task ReferencePage_IsServed_WithEveryAssetFromTheHost()
    {
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/api/reference/index.html");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.False(Uri.TryCreate(asset, UriKind.Absolute, out _) || asset.StartsWith("//", StringComparison.Ordinal), $"{asset} is not on this host.");
            using var response = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/api/reference/"), asset));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{asset} is empty.");
        }

        // The page's settings point at this host's document.
        var settings = await client.GetStringAsync("/api/reference/index.js");
        Assert.Contains("openapi/v1.json", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("online.swagger.io", settings, StringComparison.Ordinal);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Value is JsonObject && op.Key != "parameters")
            .Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    private static JsonObject Operation(JsonObject document, string path, string method) =>
        document["paths"]![path]?[method]?.AsObject() ?? throw new InvalidOperationException($"No {method} {path} in the document.");

    [GeneratedRegex("""<(?:script|link)[^>]*?(?:src|href)="(?<url>[^"]+)"[^>]*>""")]
    private static partial Regex AssetReference();
}

/// <summary>A request type the example catalogue does not know, as a new endpoint might bring.</summary>
public sealed record UncataloguedRequest(string CaseId, string ToUnitId, string OwnerId, string NeedCode, string Reason, DateOnly Due, Contracts.Groups.Agency Agency, string[] NeedCodes, bool Urgent, long ExpectedVersion);
