using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The committed OpenAPI document (<c>docs/openapi/v1.json</c>), which the generated C# client is built from, is the
/// one the service serves. After an endpoint change, regenerate it with
/// <c>CASEGRID_UPDATE_OPENAPI=1 dotnet test tests/CaseGrid.Api.Tests --filter FullyQualifiedName~OpenApiDocumentTests</c>.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class OpenApiDocumentTests(CaseGridApiFactory factory)
{
    /// <summary>Set to 1 to rewrite the snapshot from the served document instead of failing.</summary>
    public const string UpdateVariable = "CASEGRID_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task ServedDocument_MatchesTheCommittedSnapshot()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        var served = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(served)!;
        var path = SnapshotPath();

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, document.ToJsonString(Written) + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"No OpenAPI snapshot at {path}. Create it with {UpdateVariable}=1 (see the README, Development).");
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(path));
        var difference = FirstDifference(snapshot, document);
        Assert.True(difference is null,
            $"The served OpenAPI document differs from docs/openapi/v1.json, first at {difference}. If the API change is intended, " +
            $"regenerate the snapshot: {UpdateVariable}=1 dotnet test tests/CaseGrid.Api.Tests --filter FullyQualifiedName~OpenApiDocumentTests");
    }

    /// <summary>The snapshot's place in the repository, found from the test's output folder.</summary>
    public static string SnapshotPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseGrid.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "openapi", "v1.json");
            }
        }

        throw new InvalidOperationException($"No CaseGrid.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Where the documents first differ, as a JSON pointer (property order does not count), or null.</summary>
    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string at = "")
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var pointer = $"{at}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        return $"{pointer} ({(e.ContainsKey(name) ? "no longer served" : "new")})";
                    }

                    if (FirstDifference(e[name], a[name], pointer) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        return $"{at}/{i} ({(i >= a.Count ? "no longer served" : "new")})";
                    }

                    if (FirstDifference(e[i], a[i], $"{at}/{i}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{at} (was {expected?.ToJsonString() ?? "null"}, now {actual?.ToJsonString() ?? "null"})";
        }
    }
}
