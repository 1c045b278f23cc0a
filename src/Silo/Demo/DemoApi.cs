using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CaseGrid.Silo.Demo;

/// <summary>
/// The demo loader's client of CaseGrid's own REST API: each call as a demo user, with a token from the development
/// issuer (<c>POST /dev/token</c>), as the web app signs in. A refusal stops the load with its problem code.
/// </summary>
internal sealed class DemoApi(Uri host, CancellationToken stopping) : IDisposable
{
    /// <summary>The demo's system administrator.</summary>
    public const string Admin = "u-admin";

    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly HttpClient _http = new() { BaseAddress = host, Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <summary>Wait until the API answers ready (it may be another process, still starting).</summary>
    public async Task ReadyAsync(TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("/health/ready", stopping);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"The API at {_http.BaseAddress} was not ready within {within.TotalSeconds:F0} s, so the demo was not loaded.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stopping);
        }
    }

    /// <summary>True when <paramref name="userId"/> can read the case (it exists and they are a member).</summary>
    public async Task<bool> ExistsAsync(string userId, string caseId)
    {
        using var response = await SendAsync(userId, HttpMethod.Get, $"/api/v1/cases/{caseId}", null);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public Task<JsonElement> GetAsync(string userId, string path) => CallAsync(userId, HttpMethod.Get, path, null);

    public Task<JsonElement> PostAsync(string userId, string path, object? body) => CallAsync(userId, HttpMethod.Post, path, body);

    public Task<JsonElement> PutAsync(string userId, string path, object? body) => CallAsync(userId, HttpMethod.Put, path, body);

    public Task<JsonElement> DeleteAsync(string userId, string path) => CallAsync(userId, HttpMethod.Delete, path, null);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> CallAsync(string userId, HttpMethod method, string path, object? body)
    {
        using var response = await SendAsync(userId, method, path, body);
        var text = await response.Content.ReadAsStringAsync(stopping);
        if (!response.IsSuccessStatusCode)
        {
            var code = text.Length > 0 && JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            throw new InvalidOperationException($"Demo step {method} {path} as {userId} was refused: {(int)response.StatusCode} {code}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(string userId, HttpMethod method, string path, object? body)
    {
        var token = await TokenAsync(userId);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await _http.SendAsync(request, stopping);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt >= 10)
            {
                return response;
            }

            // The cluster is still settling, or the loader used its share of requests: wait as asked and go on.
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, stopping);
        }
    }

    private async Task<string> TokenAsync(string userId)
    {
        if (_tokens.TryGetValue(userId, out var token))
        {
            return token;
        }

        object request = userId == Admin
            ? new { userId, displayName = "Administrator", roles = new[] { "casegrid-admin" } }
            : new { userId };
        using var response = await _http.PostAsJsonAsync("/dev/token", request, Json, stopping);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(stopping);
        return _tokens[userId] = body.GetProperty("accessToken").GetString()!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }
}
