using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Structured logs carry ids and codes, never names, health details or free text: a whole flow through the API with
/// distinctive names and texts, and every log record of the host — message, structured state, scopes and exceptions —
/// searched for them.
/// </summary>
public sealed class LogPrivacyTests
{
    private static readonly string[] MentalHealth = ["mental-health"];

    [Fact]
    public async Task AFlowWithNamesAndHealthDetails_LeavesNoneOfThemInTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = new CaseGridApiFactory
        {
            ConfigureHost = b => b.ConfigureLogging(l => l
                .AddProvider(logs)
                .AddFilter<CapturingLoggerProvider>(null, LogLevel.Information)
                .AddFilter<CapturingLoggerProvider>("CaseGrid", LogLevel.Trace)),
        };
        using var world = await TestWorld.CreateAsync(host);

        // One mark in every sensitive string and nowhere else (ids use the world's own suffix).
        var mark = $"Zq{Guid.NewGuid():N}"[..10];
        string[] secrets =
        [
            $"Vera Varde-{mark}",
            $"Solveig Brattli-Øyen-{mark}",
            $"Hører stemmer om natten og sover ikke ({mark})",
            $"Psykoselidelse, behandles ved DPS Bjørgvin ({mark})",
            $"Få behandling hos samme lege etter løslatelse ({mark})",
            $"Time hos fastlegen første uke ({mark})",
            $"Vil ha hjelp til å si fra til moren sin ({mark})",
            $"Møte om helse ({mark})",
            $"Referat: Solveig fortalte om medisinene ({mark})",
        ];
        var (officerName, personName, ownWords, assessment, goal, measure, proposal, meetingTitle, minutes) =
            (secrets[0], secrets[1], secrets[2], secrets[3], secrets[4], secrets[5], secrets[6], secrets[7], secrets[8]);

        var officer = await world.UserAsync($"u-vera-{world.Suffix}", officerName);
        await world.AddStaffAsync(world.PrisonId, officer, isLeader: false);
        using var opened = await officer.Http.PostAsJsonAsync("/api/v1/cases", new
        {
            person = new { pseudonymId = $"P-{world.Suffix}", displayName = personName },
            phase = "Serving",
            unitId = world.PrisonId,
            home = new { registeredUnitId = world.MunicipalityId },
            dates = new { sentenceStart = Api.Today.Iso(), earliestRelease = Api.Today.AddDays(40).Iso(), expectedRelease = Api.Today.AddDays(42).Iso() },
            creatorRole = "Kontaktbetjent",
        });
        var caseId = (await opened.OkJsonAsync(HttpStatusCode.Created))["events"]![0]!.Str("caseId")!;
        var path = $"/api/v1/cases/{caseId}";

        await Ok(officer.Http.PostAsJsonAsync($"{path}/members", new { userId = world.PersonId, displayName = personName, role = "Person", agency = "Person" }));
        await Ok(officer.Http.PostAsJsonAsync($"{path}/needs/mental-health/identify", new { ownerId = officer.Id, ownWords, assessment }));
        await Ok(officer.Http.PostAsJsonAsync($"{path}/goals", new { code = "mental-health", text = goal }));
        await Ok(officer.Http.PostAsJsonAsync($"{path}/measures", new { needCodes = MentalHealth, what = measure, why = ownWords, ownerId = officer.Id, due = Api.Today.AddDays(7).Iso() }));
        await Ok(officer.Http.PostAsJsonAsync($"{path}/proposals", new { needCode = "mental-health", text = proposal }));
        var meeting = (await Ok(officer.Http.PostAsJsonAsync($"{path}/meetings", new { scheduledFor = DateTimeOffset.UtcNow.AddHours(1), title = meetingTitle })))["events"]![0]!.Str("event.meetingId");
        await Ok(officer.Http.PostAsync($"{path}/meetings/{meeting}/open", null));

        // A stale edit is refused with the current value; the edit made on it goes through.
        using var stale = await officer.Http.PutAsJsonAsync($"{path}/meetings/{meeting}/minutes", new { expectedVersion = 0, text = minutes + " (eldre)" });
        var minutesVersion = (await stale.ProblemAsync(HttpStatusCode.Conflict, "version.stale")).Number("currentVersion");
        await Ok(officer.Http.PutAsJsonAsync($"{path}/meetings/{meeting}/minutes", new { expectedVersion = minutesVersion, text = minutes }));
        using (var read = await officer.Http.GetAsync(path))
        {
            Assert.Contains(personName, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Refusals and malformed bodies that carry the same texts.
        using var refused = await officer.Http.PostAsJsonAsync($"{path}/needs/no-such-area/identify", new { ownerId = officer.Id, ownWords, assessment });
        await refused.ProblemAsync(HttpStatusCode.NotFound);
        using var malformed = await officer.Http.PutAsync($"{path}/phase", new StringContent($$"""{"phase": "{{personName}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var broken = await officer.Http.PostAsync($"{path}/goals", new StringContent($$"""{"code": "mental-health", "text": "{{goal}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        // A replayed write, which CaseGrid logs.
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/needs/substance-use/identify") { Content = JsonContent.Create(new { ownerId = officer.Id, ownWords, assessment }) };
            request.Headers.Add("Idempotency-Key", $"replay-{world.Suffix}");
            await Ok(officer.Http.SendAsync(request));
        }

        var records = logs.Records;
        Assert.Contains(records, r => r.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && r.Text.Contains(caseId, StringComparison.Ordinal));
        var own = records.Where(r => r.Category.StartsWith("CaseGrid.", StringComparison.Ordinal)).ToList();
        Assert.Contains(own, r => r.Text.Contains("Idempotency-Key", StringComparison.Ordinal));

        // CaseGrid's own records do not even say which need area a case's request was about.
        // (The request's own path stays in the framework's scope, which no exporter of CaseGrid's includes.)
        Assert.DoesNotContain(own, r => r.Message.Contains("mental-health", StringComparison.Ordinal) || r.Message.Contains("substance-use", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Text.Contains("BadHttpRequestException", StringComparison.Ordinal));
        foreach (var secret in secrets.Append(mark))
        {
            var leak = records.FirstOrDefault(r => r.Text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"'{secret}' is in a log record: {leak}");
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return await response.OkJsonAsync();
    }
}

/// <summary>Keeps every log record of a host as text: the message, each structured value, the scopes and the exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Record> _records = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<Record> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static void Render(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(s).Append('\n');
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (key, item) in pairs)
                {
                    text.Append(key).Append('=');
                    Render(text, item);
                }

                text.Append(value).Append('\n');
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    Render(text, item);
                }

                return;
            default:
                text.Append(value).Append('\n');
                return;
        }
    }

    /// <summary>One log record: its message, structured values and exception, and the scopes it was written in.</summary>
    public sealed record Record(string Category, LogLevel Level, string Message, string Scopes)
    {
        /// <summary>Everything the record carried.</summary>
        public string Text => Message + Scopes;
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = new StringBuilder().Append(formatter(state, exception)).Append('\n');
            Render(message, state);
            message.Append(exception);
            var scopes = new StringBuilder();
            provider._scopes?.ForEachScope((scope, builder) => Render(builder, scope), scopes);
            provider._records.Enqueue(new Record(category, logLevel, message.ToString(), scopes.ToString()));
        }
    }
}
