using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Every write endpoint under <c>/api/v1</c>, as the app's own endpoint table lists them (so new ones are covered as
/// they are mapped), against a real case whose coordinator sends random and hostile input from a fixed seed:
/// malformed, oversized, deeply nested and wrongly typed bodies, unicode oddities, numbers out of range, nulls,
/// unknown enum values and wrong content types. Every answer is a 4xx problem, never a 5xx, and the case is left as
/// it was. Hostile text inside an otherwise valid body is text: it is stored verbatim and returned escaped.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class WriteFuzzTests(CaseGridApiFactory factory)
{
    /// <summary>Fixed, so a failure repeats; set CASEGRID_FUZZ_SEED to explore other inputs.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CASEGRID_FUZZ_SEED"), out var seed) ? seed : 20_260_917;
    private const int MaxBody = 64 * 1024;

    private static readonly string[] WriteMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>Text that has broken other systems: SQL, markup, direction marks, odd code points.</summary>
    private static readonly string[] HostileText =
    [
        "'; DROP TABLE case_events; --",
        "\" OR 1=1 --",
        "Robert'); DELETE FROM idempotency_keys WHERE ('1'='1",
        "<script>alert(document.cookie)</script>",
        "<img src=x onerror=alert(1)>",
        "\u202Egnp.exe\u202C",
        "\u200F\u200E\u2066\u2069",
        "Z\u0351\u0358\u0360a\u0336l\u0337g\u0338o",
        "\uFEFF\uFFFE\uFFFF",
        "😀👩‍👩‍👧‍👦",
        "${jndi:ldap://127.0.0.1/x}",
        "{{7*7}}",
        "../../../../etc/passwd",
    ];

    [Fact]
    public async Task InvalidInput_ToEveryWriteEndpoint_IsRefusedWithAProblem_AndStoresNothing()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var scratchCaseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var endpoints = WriteEndpoints();
        Assert.Contains(endpoints, e => e.Method == HttpMethods.Post && e.Pattern.RawText == "/api/v1/cases/{caseId}/goals" && e.Body is not null);
        Assert.Contains(endpoints, e => e.Method == HttpMethods.Post && e.Pattern.RawText == "/api/v1/cases/{caseId}/handovers/{handoverId}/accept" && e.Body is null);
        var before = await world.CaseAsync(caseId);
        var eventsBefore = await world.EventCountAsync(caseId);

        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var attack in Attacks(endpoint, caseId, scratchCaseId, random))
            {
                using var request = attack.ToRequest();
                using var response = await world.Officer.Http.SendAsync(request);
                sent++;
                if (await RefusalProblemAsync(response, attack.MayBeAccepted) is { } wrong)
                {
                    failures.Add($"{endpoint.Method} {endpoint.Pattern.RawText} [{attack.Kind}] {wrong}");
                }
            }
        }

        Assert.True(sent >= 200, $"Only {sent} requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers (seed {Seed}) were not 4xx problems:\n{string.Join('\n', failures)}");
        var after = await world.CaseAsync(caseId);
        Assert.Equal(before.Number("version"), after.Number("version"));
        Assert.Equal(eventsBefore, await world.EventCountAsync(caseId));
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task UnparseableJson_ToEveryWriteEndpointWithABody_IsBodyMalformed_AndStoresNothing()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var eventsBefore = await world.EventCountAsync(caseId);
        var endpoints = WriteEndpoints().Where(e => e.Body is not null).ToList();
        Assert.True(endpoints.Count >= 30, $"Only {endpoints.Count} write endpoints take a JSON body.");
        string[] unparseable = ["{", "{\"code\": \"housing\",", "not json at all", "{'single': 'quotes'}", "{\"a\": 1} trailing", "\u0000"];

        var wrong = new List<string>();
        var random = new Random(Seed);
        foreach (var endpoint in endpoints)
        {
            var path = PathOf(endpoint.Pattern, name => name == "caseId" ? caseId : name is "code" or "subject" ? "housing" : $"fuzz-{random.Next(1_000_000):D6}");
            foreach (var body in unparseable)
            {
                using var response = await world.Officer.Http.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), path) { Content = Content(body, "application/json") });
                var text = await response.Content.ReadAsStringAsync();
                var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(text)?["code"]?.GetValue<string>() : null;
                if (response.StatusCode != HttpStatusCode.BadRequest || code != "body.malformed")
                {
                    wrong.Add($"{endpoint.Method} {endpoint.Pattern.RawText} with {JsonSerializer.Serialize(body)} → {(int)response.StatusCode} {code ?? text}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} unparseable bodies were not answered 400 body.malformed:\n{string.Join('\n', wrong)}");
        Assert.Equal(eventsBefore, await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task HostileText_InValidBodies_IsStoredVerbatim_AndReturnedEscaped()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var path = $"/api/v1/cases/{caseId}";
        var random = new Random(Seed);
        var stored = new List<(string Text, string Path)>();
        foreach (var text in HostileText)
        {
            var (uri, body, readBack) = random.Next(4) switch
            {
                0 => ($"{path}/goals", (object)new { code = "housing", text }, "goals.*.text"),
                1 => ($"{path}/proposals", new { needCode = "housing", text }, "proposals.*.text"),
                2 => ($"{path}/encounters", new
                {
                    kind = "ContactWithPerson", date = Api.Today.Iso(), attendees = new[] { new { userId = world.Officer.Id, attendance = "Physical" } }, summary = text,
                }, "encounters.*.summary"),
                _ => ($"{path}/members", new { userId = Api.NewId("u-fuzz"), displayName = text, role = "Other", agency = "Ngo", unitId = (string?)null, from = (string?)null }, "members.*.displayName"),
            };
            using var response = await world.Officer.Http.PostAsJsonAsync(uri, body);
            await response.OkJsonAsync();
            stored.Add((text, readBack));
        }

        using var read = await world.Officer.Http.GetAsync(path);
        var raw = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);

        // Each text is one JSON string that reads back exactly as sent: quotes escaped, nothing breaks out, and markup
        // stays inert text in an application/json answer.
        Assert.Contains("\\\" OR 1=1 --", raw, StringComparison.Ordinal);
        var state = JsonNode.Parse(raw)!;
        foreach (var (text, readBack) in stored)
        {
            Assert.Contains(text, Values(state, readBack));
        }

        // The tables the SQL was aimed at are still there: the log still reads, and agrees with the version.
        Assert.Equal(state.Number("version"), await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task NulCharacter_InText_IsRefused_AndStoresNothing()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var countBefore = await world.EventCountAsync(caseId);

        using var response = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Bolig\u0000før løslatelse" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "text.invalid");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
    }

    /// <summary>Null when the answer is a 4xx carrying a problem document (or, where allowed, a success); otherwise what was wrong.</summary>
    private static async Task<string?> RefusalProblemAsync(HttpResponseMessage response, bool mayBeAccepted)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        if (mayBeAccepted && status is >= 200 and < 300)
        {
            return null;
        }

        if (status is < 400 or >= 500)
        {
            return $"→ {status}: {shown}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"→ {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {shown}";
        }

        try
        {
            var problem = JsonNode.Parse(text);
            return problem?["status"]?.GetValue<int>() != status ? $"→ {status} with a problem of another status: {shown}"
                : problem["code"]?.GetValue<string>() is not { Length: > 0 } ? $"→ {status} with a problem without a code: {shown}"
                : null;
        }
        catch (JsonException)
        {
            return $"→ {status} with a problem that is not JSON: {shown}";
        }
    }

    /// <summary>The write endpoints under /api/v1 from the app's endpoint table, each with its JSON body type if it takes one.</summary>
    private List<WriteEndpoint> WriteEndpoints()
    {
        var table = factory.Services.GetRequiredService<EndpointDataSource>();
        return [.. table.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WriteMethods).Select(m => new WriteEndpoint(
                m, e.RoutePattern, e.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type } accepts && accepts.ContentTypes.Contains("application/json") ? type : null)))
            .OrderBy(e => e.Pattern.RawText, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>The hostile requests for one endpoint: bodies that cannot be bound, or route values no entity has.</summary>
    private static IEnumerable<Attack> Attacks(WriteEndpoint endpoint, string caseId, string scratchCaseId, Random random)
    {
        // Plausible route values, so that only the body is wrong; or one of them hostile, so that no entity has it.
        string PathWith(string? hostileParameter, string? onCase = null) => PathOf(endpoint.Pattern, name =>
            name == hostileParameter ? Pick(random, HostileIds)
            : name == "caseId" ? onCase ?? caseId
            : name is "code" or "subject" ? "housing"
            : $"fuzz-{random.Next(1_000_000):D6}");
        var path = PathWith(null);
        var sampleBody = endpoint.Body is null ? "{}" : Sample(endpoint.Body, random, depth: 0)!.ToJsonString();
        foreach (var parameter in endpoint.Pattern.Parameters.Where(p => endpoint.Body is null || p.Name != "caseId"))
        {
            yield return new Attack($"hostile {parameter.Name}", endpoint.Method, PathWith(parameter.Name), Content(sampleBody, "application/json"));
        }

        if (endpoint.Body is null)
        {
            yield break;
        }

        var sample = JsonNode.Parse(sampleBody)!.AsObject();
        var json = sampleBody;
        yield return new Attack("top-level array", endpoint.Method, path, Content("[" + json + "]", "application/json"));
        yield return new Attack("top-level scalar", endpoint.Method, path, Content(Pick(random, ["\"text\"", "42", "true", "-0.0e-5"]), "application/json"));
        yield return new Attack("null body", endpoint.Method, path, Content("null", "application/json"));
        yield return new Attack("empty body", endpoint.Method, path, Content("", "application/json"));
        yield return new Attack("truncated", endpoint.Method, path, Content(json[..random.Next(1, json.Length - 1)], "application/json"));
        yield return new Attack("deeply nested", endpoint.Method, path, Content(Nested(sample, random), "application/json"));
        yield return new Attack("oversized", endpoint.Method, path, Content(Oversized(sample, random), "application/json"));
        yield return new Attack("empty object", endpoint.Method, path, Content("{}", "application/json"));
        yield return new Attack("invalid UTF-8", endpoint.Method, path, new ByteArrayContent(InvalidUtf8(sample))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        });
        yield return new Attack("wrong content type", endpoint.Method, path, Content(json, Pick(random, ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])));
        yield return new Attack("no content type", endpoint.Method, path, new ByteArrayContent(Encoding.UTF8.GetBytes(json)));

        foreach (var (name, type) in Properties(endpoint.Body))
        {
            foreach (var (kind, value) in WrongValues(type, random))
            {
                var broken = sample.DeepClone().AsObject();
                broken[name] = value;
                yield return new Attack($"{kind} {name}", endpoint.Method, path, Content(broken.ToJsonString(), "application/json"));
            }
        }

        // Every text the lone half of a surrogate pair, or ending in NUL (which PostgreSQL cannot store): refused.
        if (sample.Any(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            var halves = ReplaceStrings(sample, _ => "\\ud800 alone \\udc00");
            yield return new Attack("surrogate halves", endpoint.Method, path, Content(halves, "application/json"));
            var nul = ReplaceStrings(sample, name => JsonSerializer.Serialize(sample[name]!.GetValue<string>())[1..^1] + "\\u0000");
            yield return new Attack("NUL in text", endpoint.Method, path, Content(nul, "application/json"));
        }

        // Nulls where the API allows them make a valid command ("null = unknown"), so these go to a case of their own,
        // and may be accepted; never with a 5xx.
        var scratchPath = PathWith(null, scratchCaseId);
        var nulls = new JsonObject(sample.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)null)));
        yield return new Attack("nulls everywhere", endpoint.Method, scratchPath, Content(nulls.ToJsonString(), "application/json"), MayBeAccepted: true);
        yield return new Attack("nulls inside", endpoint.Method, scratchPath, Content(NullsInside(sample)!.ToJsonString(), "application/json"), MayBeAccepted: true);
    }

    private static readonly string[] HostileIds =
    [
        "' OR '1'='1", "1;DROP TABLE case_events", "<script>alert(1)</script>", "\u202Eevil", "..%2F..%2Fetc", new string('a', 300), "%F0%9F%98%80", " ",
    ];

    /// <summary>Values of the wrong JSON kind, out of range, or outside the enum, for a property of <paramref name="type"/>.</summary>
    private static IEnumerable<(string Kind, JsonNode? Value)> WrongValues(Type type, Random random)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            yield return ("wrong type", Pick<JsonNode>(random, [12, new JsonObject(), new JsonArray(), true]));
        }
        else if (t == typeof(bool))
        {
            yield return ("wrong type", Pick<JsonNode>(random, ["yes", 1, new JsonObject()]));
        }
        else if (t == typeof(long) || t == typeof(int))
        {
            yield return ("wrong type", Pick<JsonNode>(random, ["seven", true, new JsonArray()]));
            yield return ("out of range", JsonNode.Parse(Pick(random, ["1e400", "99999999999999999999999", "-1.5", "9223372036854775808"])));
        }
        else if (t == typeof(DateOnly) || t == typeof(DateTimeOffset))
        {
            yield return ("wrong type", Pick<JsonNode>(random, [20_240_101, new JsonObject(), true]));
            yield return ("out of range", Pick<JsonNode>(random, ["2024-02-30", "99999-01-01", "2024-13-01", "not a date"]));
        }
        else if (t.IsEnum)
        {
            yield return ("unknown enum", Pick<JsonNode>(random, ["NotAMember", "", "0x1"]));
            yield return ("unknown enum number", Pick<JsonNode>(random, [999, -1, int.MaxValue]));
        }
        else if (ElementType(t) is not null)
        {
            yield return ("wrong type", Pick<JsonNode>(random, ["housing", new JsonObject(), 3]));
        }
        else
        {
            yield return ("wrong type", Pick<JsonNode>(random, ["object", new JsonArray(), 3]));
        }
    }

    /// <summary>A body of the right shape: every property present with a plausible value.</summary>
    private static JsonNode? Sample(Type type, Random random, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(string) => Pick(random, ["housing", "Tekst", "u-fuzz"]),
            _ when t == typeof(bool) => random.Next(2) == 0,
            _ when t == typeof(long) || t == typeof(int) => random.Next(1, 5),
            _ when t == typeof(DateOnly) => Api.Today.AddDays(random.Next(60)).Iso(),
            _ when t == typeof(DateTimeOffset) => DateTimeOffset.UtcNow.ToString("O"),
            _ when t.IsEnum => Enum.GetNames(t)[random.Next(Enum.GetNames(t).Length)],
            _ when ElementType(t) is { } element => new JsonArray(Sample(element, random, depth + 1)),
            _ when depth > 4 => null,
            _ => new JsonObject(Properties(t).Select(p => KeyValuePair.Create(p.Name, Sample(p.Type, random, depth + 1)))),
        };
    }

    /// <summary>The same shape with every value null and every list holding a null: the top level stays an object.</summary>
    private static JsonNode? NullsInside(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is JsonObject or JsonArray ? NullsInside(p.Value) : null))),
        JsonArray a => new JsonArray([null, .. a.Select(NullsInside)]),
        _ => null,
    };

    /// <summary>A record's JSON properties: its primary constructor's parameters, camelCased.</summary>
    private static IEnumerable<(string Name, Type Type)> Properties(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)?.GetParameters()
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name!), p.ParameterType)) ?? [];

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;

    /// <summary>The sample with one property nested far deeper than any reader allows.</summary>
    private static string Nested(JsonObject sample, Random random)
    {
        var depth = random.Next(200, 5000);
        var name = sample.Select(p => p.Key).FirstOrDefault() ?? "x";
        var body = sample.DeepClone().AsObject();
        body.Remove(name);
        var rest = body.ToJsonString()[1..^1];
        return $"{{\"{name}\":{new string('[', depth)}1{new string(']', depth)}{(rest.Length > 0 ? "," + rest : "")}}}";
    }

    /// <summary>The sample with a text of more than 64 KiB of hostile characters in its first text property (or an extra one).</summary>
    private static string Oversized(JsonObject sample, Random random)
    {
        var text = new StringBuilder();
        while (text.Length <= MaxBody)
        {
            text.Append(Pick(random, HostileText));
        }

        var body = sample.DeepClone().AsObject();
        var name = body.FirstOrDefault(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).Key ?? "padding";
        body[name] = text.ToString();
        return body.ToJsonString();
    }

    /// <summary>
    /// The sample as UTF-8 with bytes that are no UTF-8 in its first text property, else its first property (a reader
    /// skips an unknown property without decoding it, so that would test nothing).
    /// </summary>
    private static byte[] InvalidUtf8(JsonObject sample)
    {
        var body = sample.DeepClone().AsObject();
        var name = body.FirstOrDefault(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).Key ?? body.First().Key;
        body[name] = "\u0001bad\u0001";
        var parts = body.ToJsonString().Split("\\u0001bad\\u0001");
        return [.. Encoding.UTF8.GetBytes(parts[0]), 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(parts[1])];
    }

    /// <summary>The sample as JSON with every string value replaced by raw JSON string content from <paramref name="replace"/>.</summary>
    private static string ReplaceStrings(JsonObject sample, Func<string, string> replace)
    {
        const string Marker = "\u0001marker\u0001";
        var body = sample.DeepClone().AsObject();
        var texts = body.Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).Select(p => p.Key).ToList();
        foreach (var name in texts)
        {
            body[name] = Marker + name;
        }

        var json = body.ToJsonString();
        foreach (var name in texts)
        {
            json = json.Replace(JsonSerializer.Serialize(Marker + name), $"\"{replace(name)}\"", StringComparison.Ordinal);
        }

        Assert.DoesNotContain("marker", json, StringComparison.Ordinal);
        return json;
    }

    private static string PathOf(RoutePattern pattern, Func<string, string> value) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(value(parameter.Name)),
            _ => "",
        }))));

    private static ByteArrayContent Content(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];

    private static IEnumerable<string> Values(JsonNode state, string path)
    {
        var parts = path.Split('.');
        IEnumerable<JsonNode?> nodes = [state];
        foreach (var part in parts)
        {
            nodes = part == "*"
                ? nodes.SelectMany(n => n switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
                : nodes.Select(n => n?[part]);
        }

        return nodes.OfType<JsonValue>().Select(v => v.GetValue<string>());
    }

    private sealed record WriteEndpoint(string Method, RoutePattern Pattern, Type? Body);

    private sealed record Attack(string Kind, string Method, string Path, HttpContent Content, bool MayBeAccepted = false)
    {
        public HttpRequestMessage ToRequest() => new(new HttpMethod(Method), Path) { Content = Content };
    }
}
