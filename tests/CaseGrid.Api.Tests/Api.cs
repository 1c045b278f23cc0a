using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>Talking to the API as a client would: real tokens, JSON on the wire, problem details on refusal.</summary>
public static class Api
{
    /// <summary>The role claim of CaseGrid's system administrators.</summary>
    public const string AdminRole = "casegrid-admin";

    private static readonly TimeZoneInfo Norway = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>Today in Norway, the calendar the case's rules count in.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Norway).DateTime);

    /// <summary>A date as the API writes it.</summary>
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fresh id with a readable prefix, unique to one test.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A token for <paramref name="userId"/> from the host's own development issuer.</summary>
    public static async Task<string> TokenAsync(this CaseGridApiFactory factory, string userId, string displayName, params string[] roles)
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/dev/token", new { userId, displayName, roles });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Bearer", body!["tokenType"]!.GetValue<string>());
        return body["accessToken"]!.GetValue<string>();
    }

    /// <summary>A client that sends <paramref name="userId"/>'s bearer token.</summary>
    public static async Task<HttpClient> ClientForAsync(this CaseGridApiFactory factory, string userId, string displayName, params string[] roles)
    {
        var token = await factory.TokenAsync(userId, displayName, roles);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reads a JSON object body.</summary>
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("The response has no JSON body.");

    /// <summary>Asserts a success status and returns the JSON object body.</summary>
    public static async Task<JsonObject> OkJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and, when given, the domain's <paramref name="code"/>.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        if (code is not null)
        {
            Assert.Equal(code, problem["code"]?.GetValue<string>());
        }

        return problem;
    }

    /// <summary>The string at <paramref name="path"/> (property names separated by '.'), or null.</summary>
    public static string? Str(this JsonNode node, string path) => node.At(path)?.GetValue<string>();

    /// <summary>The number at <paramref name="path"/>.</summary>
    public static long Number(this JsonNode node, string path) =>
        node.At(path)?.GetValue<long>() ?? throw new InvalidOperationException($"No number at '{path}' in {node.ToJsonString()}.");

    /// <summary>The node at <paramref name="path"/> (property names separated by '.'), or null.</summary>
    public static JsonNode? At(this JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var name in path.Split('.'))
        {
            current = current?[name];
        }

        return current;
    }

    /// <summary>The <c>type</c> of each event in a command response or an events page, in order.</summary>
    public static string[] EventTypes(this JsonNode body) =>
        [.. body["events"]!.AsArray().Select(e => e!["event"]!["type"]!.GetValue<string>())];

    /// <summary>
    /// Waits for a one-way projection to catch up: checks every 50 ms, for at most <paramref name="timeout"/>
    /// (5 s by default), and returns the first value <paramref name="condition"/> accepts.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit.TotalSeconds:0.#} s: {what}. Last seen: {value}");
            }

            await tick.WaitForNextTickAsync();
        }
    }
}
