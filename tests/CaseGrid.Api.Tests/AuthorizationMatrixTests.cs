using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseGrid.Contracts.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CaseGrid.Api.Tests;

/// <summary>
/// docs/security.md's authorisation matrix, row by row, over REST and the live hub: each reader gets exactly what its
/// row says, and the health text written into the case reaches only the readers whose row says "health details".
/// </summary>
[Collection(SharedHost.Name)]
public sealed class AuthorizationMatrixTests(CaseGridApiFactory factory)
{
    /// <summary>Written into the substance-use area; only health members, approved members and the person may ever see it.</summary>
    private const string HealthText = "LAR-MARKER-91Q";

    /// <summary>Written into housing; withheld only from readers without the plan-sharing consent.</summary>
    private const string HousingText = "BOLIG-MARKER-4TX";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string[] SubstanceUse = ["substance-use"];
    private static readonly string[] PartnerSystems = ["PartnerSystems"];
    private static Matrix? _matrix;

    /// <summary>What a row expects of a case read: the status, and whether health and housing text show.</summary>
    public enum Sees
    {
        /// <summary>401: no token.</summary>
        Unauthenticated,

        /// <summary>403 with the given code.</summary>
        Refused,

        /// <summary>200, need-area details shown, health details withheld.</summary>
        HealthWithheld,

        /// <summary>200, everything.</summary>
        Everything,
    }

    public static TheoryData<string, Sees, string?> CaseReadRows => new()
    {
        { "coordinator (prison)", Sees.HealthWithheld, null },
        { "NAV member", Sees.HealthWithheld, null },
        { "health member", Sees.Everything, null },
        { "member the person approved", Sees.Everything, null },
        { "approved member in a security function", Sees.HealthWithheld, null },
        { "the person", Sees.Everything, null },
        { "former member", Sees.Refused, "case.not-member" },
        { "member of another case", Sees.Refused, "case.not-member" },
        { "staff of the holding unit, not a member", Sees.Refused, "case.not-member" },
        { "partner system of an involved unit, with consent", Sees.HealthWithheld, null },
        { "health partner system of an involved unit, with consent", Sees.Everything, null },
        { "health partner system in a security function", Sees.HealthWithheld, null },
        { "partner system of a unit not involved", Sees.Refused, "case.not-involved" },
        { "auditor", Sees.Refused, "case.not-member" },
        { "anonymous", Sees.Unauthenticated, null },
    };

    [Theory]
    [MemberData(nameof(CaseReadRows))]
    public async Task ReadingTheCase_AndItsEvents_GivesEachReaderExactlyTheirRow(string reader, Sees expected, string? code)
    {
        var m = await MatrixAsync();
        var http = m.Readers[reader];

        foreach (var path in new[] { $"/api/v1/cases/{m.CaseId}", $"/api/v1/cases/{m.CaseId}/events?after=0&max=1000" })
        {
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            await AssertRowAsync(response, text, expected, code, $"{reader} GET {path}");
        }
    }

    [Fact]
    public async Task APartnerSystem_WithoutThePersonsConsent_ReadsNothing()
    {
        var m = await MatrixAsync();

        using var response = await m.Readers["partner system of an involved unit, with consent"].GetAsync($"/api/v1/cases/{m.UnconsentedCaseId}");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden, "consent.partner-systems");
        Assert.DoesNotContain(HealthText, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawingPlanSharing_WithholdsEveryAreasDetails_FromTheNextRead()
    {
        var m = await MatrixAsync();
        var world = m.World;
        var caseId = await world.OpenCaseAsync();
        await world.AddMemberAsync(caseId, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", world.NavId);
        using (var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/housing/identify", new { ownerId = world.Officer.Id, assessment = HousingText }))
        {
            await identify.OkJsonAsync();
        }

        Assert.Contains(HousingText, await world.NavAdvisor.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);

        using (var withdraw = await world.NavAdvisor.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent/withdraw", new { scopes = Array.Empty<string>(), note = "Sa det på telefon" }))
        {
            await withdraw.OkJsonAsync();
        }

        var after = JsonNode.Parse(await world.NavAdvisor.Http.GetStringAsync($"/api/v1/cases/{caseId}"))!;
        Assert.DoesNotContain(HousingText, after.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("housing", after["withheldAreas"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains(HousingText, await world.Officer.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> WriteRows => new()
    {
        { "coordinator (prison)", true },
        { "NAV member", true },
        { "the person", true },
        { "former member", false },
        { "member of another case", false },
        { "staff of the holding unit, not a member", false },
        { "partner system of an involved unit, with consent", false },
        { "auditor", false },
    };

    [Theory]
    [MemberData(nameof(WriteRows))]
    public async Task MakingAProposal_IsForActiveMembersOnly(string reader, bool allowed)
    {
        var m = await MatrixAsync();

        using var response = await m.Readers[reader].PostAsJsonAsync($"/api/v1/cases/{m.CaseId}/proposals", new { needCode = "housing", text = "Et forslag" });

        if (allowed)
        {
            await response.OkJsonAsync();
        }
        else
        {
            await response.ProblemAsync(HttpStatusCode.Forbidden, "case.not-member");
        }
    }

    public static TheoryData<string, bool> HubRows => new()
    {
        { "coordinator (prison)", true },
        { "health member", true },
        { "the person", true },
        { "former member", false },
        { "member of another case", false },
        { "staff of the holding unit, not a member", false },
        { "partner system of an involved unit, with consent", false },
        { "auditor", false },
    };

    [Theory]
    [MemberData(nameof(HubRows))]
    public async Task JoiningTheCaseLive_IsForActiveMembersOnly(string reader, bool allowed)
    {
        var m = await MatrixAsync();
        await using var live = await LiveClient.ConnectAsync(factory.Server, m.Tokens[reader]);

        if (allowed)
        {
            var joined = await live.JoinCaseAsync(m.CaseId);
            Assert.True(joined.Events.Length > 0);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => live.JoinCaseAsync(m.CaseId));
            Assert.Contains("not-member", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(HealthText, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LivePushes_CarryHealthDetails_OnlyToThoseWhoMaySeeThem_AndFollowApprovalsAtOnce()
    {
        var m = await MatrixAsync();
        var world = m.World;
        await using var health = await LiveClient.ConnectAsync(factory.Server, m.Tokens["health member"]);
        await using var nav = await LiveClient.ConnectAsync(factory.Server, m.Tokens["NAV member"]);
        await health.JoinCaseAsync(m.CaseId);
        await nav.JoinCaseAsync(m.CaseId);
        const string first = "LIVE-HEALTH-1";
        const string second = "LIVE-HEALTH-2";

        var added = await MeasureAsync(m, first);
        await health.WaitForVersionAsync(m.CaseId, added);
        await nav.WaitForVersionAsync(m.CaseId, added);
        Assert.Contains(first, Json(health.EventsOf(m.CaseId)), StringComparison.Ordinal);
        Assert.DoesNotContain(first, Json(nav.EventsOf(m.CaseId)), StringComparison.Ordinal);
        Assert.DoesNotContain(HealthText, Json(nav.EventsOf(m.CaseId)), StringComparison.Ordinal);

        // The person approves the NAV advisor: the very next push carries health details to them.
        using (var approve = await m.Readers["the person"].PutAsync($"/api/v1/cases/{m.CaseId}/health-access/{world.NavAdvisor.Id}", null))
        {
            await approve.OkJsonAsync();
        }

        var next = await MeasureAsync(m, second);
        await nav.WaitForVersionAsync(m.CaseId, next);
        Assert.Contains(second, Json(nav.EventsOf(m.CaseId)), StringComparison.Ordinal);

        using (var revoke = await m.Readers["the person"].DeleteAsync($"/api/v1/cases/{m.CaseId}/health-access/{world.NavAdvisor.Id}"))
        {
            await revoke.OkJsonAsync();
        }
    }

    [Fact]
    public async Task TheFeed_CarriesHealthDetails_OnlyToAHealthSystem()
    {
        var m = await MatrixAsync();
        var kommune = m.Readers["partner system of an involved unit, with consent"];
        var helse = m.Readers["health partner system of an involved unit, with consent"];
        var start = await kommune.FeedHeadAsync();
        const string text = "FEED-HEALTH-5K";

        var version = await MeasureAsync(m, text);

        var seenByKommune = await Api.EventuallyAsync(() => kommune.FeedToEndAsync(start), p => p.Events.Any(e => e.CaseId == m.CaseId && e.Version == version), "the measure in the municipality's feed");
        var seenByHelse = await Api.EventuallyAsync(() => helse.FeedToEndAsync(start), p => p.Events.Any(e => e.CaseId == m.CaseId && e.Version == version), "the measure in the health system's feed");
        Assert.DoesNotContain(text, string.Concat(seenByKommune.Events.Select(e => e.Json)), StringComparison.Ordinal);
        Assert.Contains("[skjermet]", seenByKommune.Events.Single(e => e.CaseId == m.CaseId && e.Version == version).Json, StringComparison.Ordinal);
        Assert.Contains(text, seenByHelse.Events.Single(e => e.CaseId == m.CaseId && e.Version == version).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBoard_IsForTheUnitsStaff_AndCarriesNoHealthDetails()
    {
        var m = await MatrixAsync();

        using var staff = await m.World.PrisonLeader.Http.GetAsync($"/api/v1/units/{m.World.PrisonId}/cases");
        var text = await staff.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains(m.CaseId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(HealthText, text, StringComparison.Ordinal);

        using var wrongUnit = await m.World.NavAdvisor.Http.GetAsync($"/api/v1/units/{m.World.PrisonId}/cases");
        await wrongUnit.ProblemAsync(HttpStatusCode.Forbidden);
        using var system = await m.Readers["partner system of an involved unit, with consent"].GetAsync($"/api/v1/units/{m.World.MunicipalityId}/cases");
        await system.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task APartnerSystemActingForAUser_ReadsNothing_RestOrHub_ForWhateverUserItNames()
    {
        var m = await MatrixAsync();
        var system = m.Readers["partner system of an involved unit, with consent"];

        // The caseworker the system names is a member the person approved for health details: acting for her used to
        // return the whole case, health details included.
        using var read = await ActingForAsync(system, HttpMethod.Get, $"/api/v1/cases/{m.CaseId}", m.World.Caseworker.Id, null);
        using var events = await ActingForAsync(system, HttpMethod.Get, $"/api/v1/cases/{m.CaseId}/events?after=0", m.World.Caseworker.Id, null);
        using var hub = await ActingForAsync(system, HttpMethod.Post, "/hubs/case/negotiate?negotiateVersion=1", m.World.Caseworker.Id, null);
        using var units = await ActingForAsync(system, HttpMethod.Put, $"/api/v1/units/{m.World.MunicipalityId}/staff/{Api.NewId("u-x")}", m.World.Caseworker.Id, new { displayName = "X", isLeader = true });

        foreach (var refused in new[] { read, events, hub, units })
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.Forbidden, "acting-for.writes-only");
            Assert.DoesNotContain(HealthText, problem.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(HousingText, problem.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APartnerSystemActingForAMember_ChangesNothing_WithoutThePersonsConsentToPartnerSystems()
    {
        var m = await MatrixAsync();
        var world = m.World;
        var caseId = await world.OpenCaseAsync();
        await world.AddMemberAsync(caseId, world.Caseworker.Id, world.Caseworker.Name, "MunicipalCaseworker", "Municipality", world.MunicipalityId);
        var system = m.Readers["partner system of an involved unit, with consent"];
        var before = await world.EventCountAsync(caseId);

        using var refused = await ActingForAsync(system, HttpMethod.Post, $"/api/v1/cases/{caseId}/proposals", world.Caseworker.Id, new { needCode = "housing", text = "Fra fagsystemet" });

        await refused.ProblemAsync(HttpStatusCode.Forbidden, "consent.partner-systems");
        Assert.Equal(before, await world.EventCountAsync(caseId));

        await world.ConsentAsync(caseId, "PartnerSystems");
        using var allowed = await ActingForAsync(system, HttpMethod.Post, $"/api/v1/cases/{caseId}/proposals", world.Caseworker.Id, new { needCode = "housing", text = "Fra fagsystemet" });
        Assert.Equal(["proposal-submitted"], (await allowed.OkJsonAsync()).EventTypes());
    }

    [Fact]
    public async Task APartnerSystemActingForAMember_GetsBackNoHealthDetails_WhateverTheMemberMaySee()
    {
        var m = await MatrixAsync();
        var system = m.Readers["partner system of an involved unit, with consent"];
        const string text = "ACTING-HEALTH-3VX";

        // The caseworker may see health details; the system cannot know whether the person it names works in a security
        // function, so it gets no more than one would.
        using var response = await ActingForAsync(system, HttpMethod.Post, $"/api/v1/cases/{m.CaseId}/measures", m.World.Caseworker.Id, new
        {
            needCodes = SubstanceUse, what = text, ownerId = m.World.Caseworker.Id, due = Api.Today.AddDays(30).Iso(),
        });

        var answer = await response.OkJsonAsync();
        Assert.DoesNotContain(text, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(HealthText, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(text, await m.Readers["health member"].GetStringAsync($"/api/v1/cases/{m.CaseId}"), StringComparison.Ordinal);
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "signed with the development key once committed to the repository",
        "alg none, no signature",
        "expired, signed with the host's own key",
        "for another audience, signed with the host's own key",
        "HS384 with the host's own key",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task AForgedToken_NamingTheCoordinator_GetsNothing_OverRestOrTheHub(string token)
    {
        var m = await MatrixAsync();
        var hostKey = factory.Services.GetRequiredService<CaseGrid.Api.Auth.DevSigningKey>().Key.Key;
        var coordinator = m.World.Officer.Id;
        var jwt = token switch
        {
            "signed with the development key once committed to the repository" =>
                Tests.ForgedTokens.Hmac(Tests.ForgedTokens.Claims(coordinator, "auditor"), System.Text.Encoding.UTF8.GetBytes(Tests.ForgedTokens.OldCommittedKey)),
            "alg none, no signature" => Tests.ForgedTokens.NoSignature(Tests.ForgedTokens.Claims(coordinator)),
            "expired, signed with the host's own key" => Tests.ForgedTokens.Hmac(Tests.ForgedTokens.Claims(coordinator, expires: DateTimeOffset.UtcNow.AddMinutes(-2)), hostKey),
            "for another audience, signed with the host's own key" => Tests.ForgedTokens.Hmac(Tests.ForgedTokens.Claims(coordinator, audience: "another-service"), hostKey),
            _ => Tests.ForgedTokens.Hmac(Tests.ForgedTokens.Claims(coordinator), hostKey, "HS384"),
        };
        using var forged = factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jwt);

        using var read = await forged.GetAsync($"/api/v1/cases/{m.CaseId}");
        using var audit = await forged.GetAsync("/api/v1/audit");
        var hub = await Assert.ThrowsAnyAsync<Exception>(() => LiveClient.ConnectAsync(factory.Server, jwt));

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, audit.StatusCode);
        Assert.DoesNotContain(HousingText, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("401", hub.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> SelfApprovers => new() { "coordinator (prison)", "NAV member", "staff of the holding unit, not a member" };

    [Theory]
    [MemberData(nameof(SelfApprovers))]
    public async Task NobodyApprovesThemselves_ForHealthDetails_NotEvenTheCoordinator(string reader)
    {
        var m = await MatrixAsync();
        var userId = reader switch
        {
            "coordinator (prison)" => m.World.Officer.Id,
            "NAV member" => m.World.NavAdvisor.Id,
            _ => m.World.PrisonLeader.Id,
        };
        var before = await m.World.EventCountAsync(m.CaseId);

        using var response = await m.Readers[reader].PutAsync($"/api/v1/cases/{m.CaseId}/health-access/{userId}", null);

        var member = !reader.StartsWith("staff", StringComparison.Ordinal);
        await response.ProblemAsync(HttpStatusCode.Forbidden, member ? "health-access.self" : "case.not-member");
        Assert.Equal(before, await m.World.EventCountAsync(m.CaseId));
        if (member)
        {
            Assert.DoesNotContain(HealthText, await m.Readers[reader].GetStringAsync($"/api/v1/cases/{m.CaseId}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Administrators_ManageAUnitsStaff_ButNeverReadItsBoardOrIndicators()
    {
        var m = await MatrixAsync();
        var admin = m.Readers["administrator"];
        var unit = m.World.PrisonId;

        using var board = await admin.GetAsync($"/api/v1/units/{unit}/cases");
        await board.ProblemAsync(HttpStatusCode.Forbidden, "unit.not-staff");
        using var indicators = await admin.GetAsync($"/api/v1/units/{unit}/indicators");
        await indicators.ProblemAsync(HttpStatusCode.Forbidden, "unit.not-staff");

        // The unit and its staff, to manage them; not its cases, in the answer to a read or to a change of staff.
        using var view = await admin.GetAsync($"/api/v1/units/{unit}");
        var unitView = await view.OkJsonAsync();
        Assert.Contains(unitView["staff"]!.AsArray(), s => s!.Str("userId") == m.World.PrisonLeader.Id);
        Assert.Empty(unitView["cases"]!.AsArray());
        Assert.DoesNotContain(m.CaseId, unitView.ToJsonString(), StringComparison.Ordinal);
        using var staff = await admin.PutAsJsonAsync($"/api/v1/units/{unit}/staff/{Api.NewId("u-ny")}", new { displayName = "Ny Ansatt", isLeader = false });
        var afterStaff = await staff.OkJsonAsync();
        Assert.Empty(afterStaff["cases"]!.AsArray());
        Assert.DoesNotContain(m.CaseId, afterStaff.ToJsonString(), StringComparison.Ordinal);

        await using var live = await LiveClient.ConnectAsync(factory.Server, m.Tokens["administrator"]);
        var refused = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync<object>("JoinBoard", unit));
        Assert.Contains("unit.not-staff", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(m.CaseId, refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> AuditRows => new()
    {
        { "auditor", true },
        { "the person", true },
        { "coordinator (prison)", false },
        { "health member", false },
        { "partner system of an involved unit, with consent", false },
    };

    [Theory]
    [MemberData(nameof(AuditRows))]
    public async Task WhoHasSeenThePlan_IsForThePersonAndAuditors(string reader, bool allowed)
    {
        var m = await MatrixAsync();
        await ReadAsync(m, "NAV member", "partner system of an involved unit, with consent", "former member");

        using var response = await m.Readers[reader].GetAsync($"/api/v1/cases/{m.CaseId}/audit");

        if (!allowed)
        {
            await response.ProblemAsync(HttpStatusCode.Forbidden, "audit.not-person");
            return;
        }

        var page = await response.OkJsonAsync();
        var entries = page["entries"]!.AsArray();
        Assert.Contains(entries, e => e!.Str("actorId") == m.World.NavAdvisor.Id && e!.Str("action") == "case.read" && e!.Str("access") == "HealthWithheld");
        Assert.Contains(entries, e => e!.Str("actorId")!.StartsWith("system:", StringComparison.Ordinal) && e!.Str("clientId") is not null);
        Assert.Contains(entries, e => e!.Str("access") == "Refused");
        Assert.DoesNotContain(HealthText, page.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditAcrossCases_IsForAuditorsOnly()
    {
        var m = await MatrixAsync();
        await ReadAsync(m, "NAV member");

        using var auditor = await m.Readers["auditor"].GetAsync($"/api/v1/audit?caseId={m.CaseId}&action=case.read&max=50");
        var page = await auditor.OkJsonAsync();
        Assert.All(page["entries"]!.AsArray(), e => Assert.Equal("case.read", e!.Str("action")));
        Assert.True(page["entries"]!.AsArray().Count > 0, page.ToJsonString());

        using var member = await m.Readers["coordinator (prison)"].GetAsync($"/api/v1/audit?caseId={m.CaseId}");
        await member.ProblemAsync(HttpStatusCode.Forbidden, "audit.not-auditor");
    }

    [Fact]
    public async Task PresentationMode_ShowsOnlyWhatEveryMemberMaySee_EvenToAHealthMember()
    {
        var m = await MatrixAsync();

        using var response = await m.Readers["health member"].GetAsync($"/api/v1/cases/{m.CaseId}?view=presentation");
        var state = await response.OkJsonAsync();

        Assert.DoesNotContain(HealthText, state.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("substance-use", state["withheldAreas"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(m.HealthUserId, state.Str("needAreas.substance-use.accountableOwnerId"));
    }

    private static async Task AssertRowAsync(HttpResponseMessage response, string text, Sees expected, string? code, string what)
    {
        switch (expected)
        {
            case Sees.Unauthenticated:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
                Assert.DoesNotContain(HealthText, text, StringComparison.Ordinal);
                break;
            case Sees.Refused:
                await response.ProblemAsync(HttpStatusCode.Forbidden, code);
                Assert.DoesNotContain(HousingText, text, StringComparison.Ordinal);
                Assert.DoesNotContain(HealthText, text, StringComparison.Ordinal);
                break;
            case Sees.HealthWithheld:
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {text}");
                Assert.Contains(HousingText, text, StringComparison.Ordinal);
                Assert.DoesNotContain(HealthText, text, StringComparison.Ordinal);
                break;
            case Sees.Everything:
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {text}");
                Assert.Contains(HousingText, text, StringComparison.Ordinal);
                Assert.Contains(HealthText, text, StringComparison.Ordinal);
                break;
        }
    }

    /// <summary>Each reader reads the case once, so the audit has something to show.</summary>
    private static async Task ReadAsync(Matrix m, params string[] readers)
    {
        foreach (var reader in readers)
        {
            using var response = await m.Readers[reader].GetAsync($"/api/v1/cases/{m.CaseId}");
        }
    }

    private static async Task<HttpResponseMessage> ActingForAsync(HttpClient system, HttpMethod method, string path, string userId, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("CaseGrid-Acting-For", userId);
        return await system.SendAsync(request);
    }

    private static string Json(IReadOnlyList<CaseEventRecord> events) => JsonSerializer.Serialize(events, LiveClient.Json);

    /// <summary>The health member adds a measure to substance-use with <paramref name="what"/>; returns the version reached.</summary>
    private static async Task<long> MeasureAsync(Matrix m, string what)
    {
        using var response = await m.Readers["health member"].PostAsJsonAsync($"/api/v1/cases/{m.CaseId}/measures", new
        {
            needCodes = SubstanceUse,
            what,
            ownerId = m.HealthUserId,
            due = Api.Today.AddDays(30).Iso(),
        });
        return (await response.OkJsonAsync()).Number("version");
    }

    /// <summary>Built once per test run: one case, every kind of reader, and the health text that must not travel.</summary>
    private async Task<Matrix> MatrixAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _matrix ??= await Matrix.CreateAsync(factory);
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed class Matrix
    {
        public required TestWorld World { get; init; }

        public required string CaseId { get; init; }

        public required string UnconsentedCaseId { get; init; }

        public required string HealthUserId { get; init; }

        public Dictionary<string, HttpClient> Readers { get; } = [];

        public Dictionary<string, string> Tokens { get; } = [];

        public static async Task<Matrix> CreateAsync(CaseGridApiFactory factory)
        {
            var world = await TestWorld.CreateAsync(factory);
            var s = world.Suffix;
            var healthUnit = $"helse-{s}";
            await world.DefineUnitAsync(healthUnit, "Testhelse", "Health");
            var hilde = await world.UserAsync($"u-hilde-{s}", "Hilde Helse");
            var former = await world.UserAsync($"u-frida-{s}", "Frida Før");
            var person = await world.UserAsync(world.PersonId, "Ola Nordmann");
            var auditor = await world.UserAsync($"u-rita-{s}", "Rita Revisor", "auditor");
            var administrator = await world.UserAsync($"u-ada2-{s}", "Ada Admin", Api.AdminRole);

            var caseId = await world.OpenCaseAsync();
            await world.ConsentAsync(caseId, PartnerSystems);

            await world.AddMemberAsync(caseId, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", world.NavId);
            await world.AddMemberAsync(caseId, world.Caseworker.Id, world.Caseworker.Name, "MunicipalCaseworker", "Municipality", world.MunicipalityId);
            await world.AddMemberAsync(caseId, world.Colleague.Id, world.Colleague.Name, "Kontaktbetjent", "Prison", world.PrisonId);
            await world.AddMemberAsync(caseId, hilde.Id, hilde.Name, "HealthWorker", "Health", healthUnit);
            await world.AddMemberAsync(caseId, former.Id, former.Name, "Other", "Ngo", null);
            await PostAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/members/{former.Id}/end", new { });
            await PostAsync(person.Http, $"/api/v1/cases/{caseId}/health-access/{world.Caseworker.Id}", null, "PUT");
            await PostAsync(person.Http, $"/api/v1/cases/{caseId}/health-access/{world.Colleague.Id}", null, "PUT");
            await PostAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/needs/substance-use/identify", new { ownerId = hilde.Id, assessment = HealthText });
            await PostAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/needs/housing/identify", new { ownerId = world.Officer.Id, assessment = HousingText });

            // Another case: its member is no member here; and no partner-systems consent there.
            var otherCase = await world.OpenCaseAsync();
            var other = await world.UserAsync($"u-otto2-{s}", "Otto Annen");
            await world.AddMemberAsync(otherCase, other.Id, other.Name, "Other", "Ngo", null);

            var m = new Matrix { World = world, CaseId = caseId, UnconsentedCaseId = otherCase, HealthUserId = hilde.Id };
            async Task Add(string name, TestWorld.User user, params string[] roles)
            {
                var token = await factory.TokenAsync(user.Id, user.Name, roles);
                m.Tokens[name] = token;
                m.Readers[name] = Client(factory, token);
            }

            async Task AddSystem(string name, string client, string agency, string unit, params string[] roles)
            {
                using var anonymous = factory.CreateClient();
                using var issued = await anonymous.PostAsJsonAsync("/dev/system-token", new { clientId = client, agency, unitId = unit, roles });
                var token = (await issued.OkJsonAsync()).Str("accessToken")!;
                m.Tokens[name] = token;
                m.Readers[name] = Client(factory, token);
            }

            await Add("coordinator (prison)", world.Officer);
            await Add("NAV member", world.NavAdvisor);
            await Add("health member", hilde);
            await Add("member the person approved", world.Caseworker);
            await Add("approved member in a security function", world.Colleague, "security-function");
            await Add("the person", person);
            await Add("former member", former);
            await Add("member of another case", other);
            await Add("staff of the holding unit, not a member", world.PrisonLeader);
            await Add("auditor", auditor, "auditor");
            await Add("administrator", administrator, Api.AdminRole);
            await AddSystem("partner system of an involved unit, with consent", $"kommune-sys-{s}", "Municipality", world.MunicipalityId);
            await AddSystem("health partner system of an involved unit, with consent", $"helse-sys-{s}", "Health", healthUnit);
            await AddSystem("health partner system in a security function", $"helse-sikkerhet-{s}", "Health", healthUnit, "security-function");
            await AddSystem("partner system of a unit not involved", $"annen-sys-{s}", "Municipality", $"annen-{s}");
            m.Readers["anonymous"] = factory.CreateClient();
            return m;
        }

        private static HttpClient Client(CaseGridApiFactory factory, string token)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        private static async Task PostAsync(HttpClient http, string path, object? body, string method = "POST")
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await http.SendAsync(request);
            await response.OkJsonAsync();
        }
    }
}
