using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Harness;

/// <summary>CaseGrid's REST API as an outside client uses it: development tokens, units, cases, members, goals, reads.</summary>
internal sealed class CaseGridRest(string baseUrl) : IDisposable
{
    public const string AdminRole = "casegrid-admin";

    private static readonly string[] PlanSharing = ["PlanSharing"];
    private static readonly TimeZoneInfo Norway = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private int _retries;

    public string BaseUrl => baseUrl;

    /// <summary>Requests tried again after a server error or a lost connection.</summary>
    public int Retries => _retries;

    /// <summary>Today in Norway, the calendar CaseGrid's rules count in.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Norway).DateTime);

    public async Task<string> TokenAsync(string userId, string displayName, params string[] roles)
    {
        var body = await SendAsync(HttpMethod.Post, "/dev/token", null, new { userId, displayName, roles });
        return body["accessToken"]!.GetValue<string>();
    }

    public Task DefineUnitAsync(string admin, string unitId, string name, string agency) =>
        SendAsync(HttpMethod.Put, $"/api/v1/units/{unitId}", admin, new { name, agency });

    public Task AddStaffAsync(string admin, string unitId, string userId, string displayName) =>
        SendAsync(HttpMethod.Put, $"/api/v1/units/{unitId}/staff/{userId}", admin, new { displayName, isLeader = false });

    /// <summary>Open a case at <paramref name="unitId"/> as its coordinator, with the person as a member who consents to share the plan; returns its id.</summary>
    public async Task<string> OpenCaseAsync(string officer, string unitId, string homeUnitId, string personId)
    {
        var today = Today;
        var opened = await SendAsync(HttpMethod.Post, "/api/v1/cases", officer, new
        {
            person = new { pseudonymId = personId, displayName = "Benk Person" },
            phase = "Serving",
            unitId,
            home = new { registeredUnitId = homeUnitId },
            dates = new
            {
                sentenceStart = Iso(today),
                earliestRelease = Iso(today.AddDays(40)),
                expectedRelease = Iso(today.AddDays(42)),
                endOfSentence = Iso(today.AddDays(120)),
                endOfSupervision = Iso(today.AddDays(180)),
            },
            creatorRole = "Kontaktbetjent",
        });
        var caseId = opened["events"]![0]!["caseId"]!.GetValue<string>();

        // The person joins and gives the consent themselves: consent recorded by the coordinator would wait for them.
        await SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/members", officer, new { userId = personId, displayName = "Benk Person", role = "Person", agency = "Person", unitId = (string?)null, from = (string?)null });
        var person = await TokenAsync(personId, "Benk Person");
        await SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/consent", person, new { scopes = PlanSharing, note = "Kartleggingssamtale" });
        return caseId;
    }

    public Task AddMemberAsync(string officer, string caseId, string userId, string displayName) =>
        SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/members", officer, new { userId, displayName, role = "Other", agency = "Other", unitId = (string?)null, from = (string?)null });

    /// <summary>Add a goal through REST; returns the case version it produced.</summary>
    public async Task<long> AddGoalAsync(string token, string caseId, string text)
    {
        var body = await SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/goals", token, new { code = "housing", text });
        return body["version"]!.GetValue<long>();
    }

    /// <summary>Add a goal through REST; returns its id and the case version it produced (the goal's version).</summary>
    public async Task<(string GoalId, long Version)> AddGoalWithIdAsync(string token, string caseId, string text)
    {
        var body = await SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/goals", token, new { code = "housing", text });
        return (body["events"]![0]!["event"]!["goalId"]!.GetValue<string>(), body["version"]!.GetValue<long>());
    }

    /// <summary>Reword a goal against its version; returns the case version it produced (the goal's new version).</summary>
    public async Task<long> UpdateGoalAsync(string token, string caseId, string goalId, long expectedVersion, string text)
    {
        var body = await SendAsync(HttpMethod.Put, $"/api/v1/cases/{caseId}/goals/{goalId}", token, new { expectedVersion, text, achieved = false });
        return body["version"]!.GetValue<long>();
    }

    /// <summary>Identify a need area with an owner; returns the case version.</summary>
    public async Task<long> IdentifyAsync(string token, string caseId, string code, string ownerId)
    {
        var body = await SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/needs/{code}/identify", token, new { ownerId, ownWords = (string?)null, assessment = (string?)null });
        return body["version"]!.GetValue<long>();
    }

    /// <summary>Make a proposal on a need area; returns its id.</summary>
    public async Task<string> ProposeAsync(string token, string caseId, string needCode, string text)
    {
        var body = await SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/proposals", token, new { needCode, text });
        return body["events"]![0]!["event"]!["proposalId"]!.GetValue<string>();
    }

    /// <summary>Answer a proposal without adopting it.</summary>
    public Task AnswerAsync(string token, string caseId, string proposalId, string answer) =>
        SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/proposals/{proposalId}/answer", token, new { adopt = false, answer, measureOwnerId = (string?)null, due = (string?)null });

    /// <summary>Any command of the API: POST <paramref name="path"/> with <paramref name="body"/>; its answer.</summary>
    public Task<JsonObject> PostAsync(string token, string path, object? body) => SendAsync(HttpMethod.Post, path, token, body);

    /// <summary>Any command of the API: PUT <paramref name="path"/> with <paramref name="body"/>; its answer.</summary>
    public Task<JsonObject> PutAsync(string token, string path, object body) => SendAsync(HttpMethod.Put, path, token, body);

    public Task AddMemberAsync(string officer, string caseId, string userId, string displayName, string role, string agency, string unitId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/members", officer, new { userId, displayName, role, agency, unitId, from = (string?)null });

    /// <summary>Read a JSON object (the caller's work list, say); returns it and how long the read took.</summary>
    public async Task<(JsonObject Body, TimeSpan Took)> GetTimedAsync(string token, string path)
    {
        var clock = Stopwatch.StartNew();
        var body = await SendAsync(HttpMethod.Get, path, token, null);
        return (body, clock.Elapsed);
    }

    /// <summary>How long a GET of <paramref name="path"/> takes, from the request to the last byte of the answer.</summary>
    public async Task<TimeSpan> TimeGetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var took = clock.Elapsed;
        response.EnsureSuccessStatusCode();
        return took;
    }

    /// <summary>Read a case; returns its version and how long the read took.</summary>
    /// <remarks>
    /// Timed from the request to the last byte of the answer, as a browser or partner system receives it; reading the
    /// JSON into a document afterwards is the client's own work and not counted.
    /// </remarks>
    public async Task<(long Version, TimeSpan Took)> GetCaseAsync(string token, string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{caseId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var took = clock.Elapsed;
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(body)!["version"]!.GetValue<long>(), took);
    }

    /// <summary>Every event of a case, oldest first.</summary>
    public async Task<List<JsonObject>> EventsAsync(string token, string caseId)
    {
        var all = new List<JsonObject>();
        while (true)
        {
            var page = await SendAsync(HttpMethod.Get, $"/api/v1/cases/{caseId}/events?after={all.Count}&max=1000", token, null);
            var events = page["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
            all.AddRange(events);
            if (events.Count < 1000)
            {
                return all;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A client that retries: a server error or a lost connection is tried again (up to five times, backing off), a refusal is not.
    private async Task<JsonObject> SendAsync(HttpMethod method, string path, string? token, object? body)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, path, token, body);
            }
            catch (HttpRequestException e) when (attempt < 5 && e.StatusCode is null or >= System.Net.HttpStatusCode.InternalServerError)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(200 * (1 << attempt));
            }
        }
    }

    private async Task<JsonObject> SendOnceAsync(HttpMethod method, string path, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return JsonNode.Parse(text) as JsonObject ?? [];
    }
}
