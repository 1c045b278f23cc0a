using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>The caller's own view: who they are, what needs them, their cases, the directory, and how they are told.</summary>
[Collection(SharedHost.Name)]
public sealed class MeTests(CaseGridApiFactory factory)
{
    private static readonly string[] OptOuts = ["DeadlineDue", "KeyDatesChanged"];

    [Fact]
    public async Task Me_NamesTheCallersUnits_AndTheCasesInWhichTheyAreThePerson()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var person = await world.UserAsync(world.PersonId, "Ola Nordmann");

        var leader = await Api.EventuallyAsync(() => MeAsync(world.PrisonLeader), m => m["units"]!.AsArray().Count == 1, "the leader's unit");
        var ola = await Api.EventuallyAsync(() => MeAsync(person), m => m["personCases"]!.AsArray().Count == 1, "Ola's case");
        var admin = await MeAsync(world.Admin);

        var unit = leader["units"]![0]!;
        Assert.Equal((world.PrisonId, "Testfengsel", "Prison", true), (unit.Str("unitId"), unit.Str("name"), unit.Str("agency"), unit["isLeader"]!.GetValue<bool>()));
        Assert.Equal((world.PrisonLeader.Id, "Lise Leder", false), (leader.Str("userId"), leader.Str("name"), leader["isAdmin"]!.GetValue<bool>()));
        Assert.Equal((caseId, "Ola Nordmann"), (ola["personCases"]![0]!.Str("caseId"), ola["personCases"]![0]!.Str("personName")));
        Assert.Empty(ola["units"]!.AsArray());
        Assert.True(admin["isAdmin"]!.GetValue<bool>());
        Assert.Contains(admin["roles"]!.AsArray(), r => r!.GetValue<string>() == Api.AdminRole);
    }

    [Fact]
    public async Task MyCases_AreMyMemberCasesAndMyUnitsCases_WithTheirBoardLine_SearchedWithoutAccents()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        using var other = await world.Officer.Http.PostAsJsonAsync("/api/v1/cases", world.OpenCaseBody() is var body ? WithName(body, "Åse Sørensen") : null);
        var otherId = (await other.OkJsonAsync(HttpStatusCode.Created))["events"]![0]!.Str("caseId")!;
        await world.OfferHousingAsync(caseId, world.MunicipalityId);

        // Kari opened both and is a member; Ingrid works where the housing handover is offered; Nora has nothing.
        var kari = await Api.EventuallyAsync(() => CasesAsync(world.Officer), c => c.Count == 2 && c.All(x => x!["line"] is not null), "Kari's two cases with lines");
        var ingrid = await Api.EventuallyAsync(() => CasesAsync(world.Caseworker), c => c.Count == 2, "the municipality's cases");
        var searched = await CasesAsync(world.Officer, "sorensen");
        var nora = await CasesAsync(world.NavAdvisor);

        var ola = kari.Single(c => c!.Str("caseId") == caseId)!;
        Assert.Equal(["Member", "Current"], ola["relations"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(("Ola Nordmann", "Kontaktbetjent", world.PrisonId, "Testfengsel", "Serving"), (ola.Str("personName"), ola.Str("role"), ola.Str("unitId"), ola.Str("unitName"), ola.Str("phase")));
        Assert.Equal(Api.Today.AddDays(42).Iso(), ola.Str("line.expectedRelease"));
        var incoming = ingrid.Single(c => c!.Str("caseId") == caseId)!;
        Assert.Equal(["Incoming"], incoming["relations"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(1, incoming.Number("line.handoversAwaitingUnit"));
        Assert.Equal(world.PrisonId, incoming.Str("unitId"));
        Assert.Equal([otherId], searched.Select(c => c!.Str("caseId")));
        Assert.Empty(nora);
    }

    [Fact]
    public async Task TheDirectory_FindsUnitsByKindMunicipalityAndName_StaffAndPeople_ForStaffOnly()
    {
        using var world = await TestWorld.CreateAsync(factory);
        await world.DefineUnitAsync($"bolig-{world.Suffix}", $"Bergen kommune, boligkontoret {world.Suffix}", "Municipality", "Bergen");
        await world.DefineUnitAsync($"nav-bergen-{world.Suffix}", $"NAV Bergenhus {world.Suffix}", "Nav", "Bergen");
        var sofie = await world.UserAsync($"u-sofie-{world.Suffix}", $"Sofie Sæther {world.Suffix}");
        await world.AddStaffAsync($"bolig-{world.Suffix}", sofie, isLeader: true);
        using var system = await factory.SystemClientAsync($"fagsystem-{world.Suffix}", "Municipality", world.MunicipalityId);

        var units = await Api.EventuallyAsync(() => ArrayAsync(world.Officer, $"/api/v1/directory/units?agency=Municipality&municipality=bergen&q=bolig"), u => u.Any(x => x!.Str("unitId") == $"bolig-{world.Suffix}"), "the housing office in the directory");
        var staff = await ArrayAsync(world.Officer, $"/api/v1/directory/units/bolig-{world.Suffix}/staff");
        var people = await Api.EventuallyAsync(() => ArrayAsync(world.Officer, $"/api/v1/directory/people?q=saether {world.Suffix}"), p => p.Count == 1, "Sofie in the directory");

        Assert.DoesNotContain(units, u => u!.Str("agency") != "Municipality");
        Assert.Equal("Bergen", units.Single(u => u!.Str("unitId") == $"bolig-{world.Suffix}")!.Str("municipality"));
        Assert.Equal((sofie.Id, true), (staff.Single()!.Str("userId"), staff.Single()!["isLeader"]!.GetValue<bool>()));
        Assert.Equal($"bolig-{world.Suffix}", people.Single()!["units"]![0]!.Str("unitId"));
        using var outsider = await world.Outsider.Http.GetAsync("/api/v1/directory/people?q=sofie");
        await outsider.ProblemAsync(HttpStatusCode.Forbidden, "directory.not-staff");
        using var partner = await system.GetAsync("/api/v1/directory/units");
        await partner.ProblemAsync(HttpStatusCode.Forbidden, "directory.not-staff");
        using var badKind = await world.Officer.Http.GetAsync("/api/v1/directory/units?agency=Kingdom");
        await badKind.ProblemAsync(HttpStatusCode.BadRequest, "directory.agency-invalid");
    }

    [Fact]
    public async Task Notifications_DefaultToTheUnitsAddress_AndTakeTheCallersOwnAndOptOuts()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using (var staff = await world.Admin.Http.PutAsJsonAsync($"/api/v1/units/{world.NavId}/staff/{world.NavAdvisor.Id}", new { displayName = world.NavAdvisor.Name, isLeader = false, email = "nora@nav.example" }))
        {
            await staff.OkJsonAsync();
        }

        var before = await Api.EventuallyAsync(() => NotificationsAsync(world.NavAdvisor), n => n.Str("email") == "nora@nav.example", "the unit's address");
        using var set = await world.NavAdvisor.Http.PutAsJsonAsync("/api/v1/me/notifications", new { email = "nora.lie@example.org", optOut = OptOuts });
        var after = await set.OkJsonAsync();
        using var bad = await world.NavAdvisor.Http.PutAsJsonAsync("/api/v1/me/notifications", new { email = "not an address", optOut = Array.Empty<string>() });
        using var badStaff = await world.Admin.Http.PutAsJsonAsync($"/api/v1/units/{world.NavId}/staff/{world.NavAdvisor.Id}", new { displayName = "Nora", isLeader = false, email = "nora@" });

        Assert.Empty(before["optOut"]!.AsArray());
        Assert.Equal("nora.lie@example.org", after.Str("email"));
        Assert.Equal(["DeadlineDue", "KeyDatesChanged"], after["optOut"]!.AsArray().Select(k => k!.GetValue<string>()));
        await bad.ProblemAsync(HttpStatusCode.BadRequest, "notifications.email-invalid");
        await badStaff.ProblemAsync(HttpStatusCode.BadRequest, "staff.email-invalid");
        Assert.Equal("nora.lie@example.org", (await NotificationsAsync(world.NavAdvisor)).Str("email"));
    }

    [Fact]
    public async Task AnEscalation_ReachesTheLeader_AndGoesWhenTheLeaderRecordsItHandled()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        using (var decline = await world.Caseworker.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/decline", new { reason = "Ingen ledige boliger" }))
        {
            await decline.OkJsonAsync();
        }

        var list = await Api.EventuallyAsync(() => WorkOf(world.PrisonLeader), w => w.Any(i => i!.Str("kind") == "Escalation" && i!.Str("caseId") == caseId), "the escalation in the leader's list");
        var item = list.Single(i => i!.Str("kind") == "Escalation")!;
        Assert.Equal(("escalation.resolve", world.PrisonId), (item.Str("action"), item.Str("unitId")));
        Assert.DoesNotContain(await WorkOf(world.Colleague), i => i!.Str("kind") == "Escalation");

        using var notLeader = await world.Colleague.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/escalations/{item.Str("refId")}/resolve", new { note = "Ringer kommunen" });
        await notLeader.ProblemAsync(HttpStatusCode.Forbidden, "escalation.not-leader");
        using var resolved = await world.PrisonLeader.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/escalations/{item.Str("refId")}/resolve", new { note = "Avtalt med kommunen" });
        Assert.Equal(["escalation-resolved"], (await resolved.OkJsonAsync()).EventTypes());

        await Api.EventuallyAsync(() => WorkOf(world.PrisonLeader), w => !w.Any(i => i!.Str("kind") == "Escalation" && i!.Str("caseId") == caseId), "the escalation gone");
    }

    [Fact]
    public async Task DevUsers_OffersUnitStaffAndThePersonsOfCases()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        using var anonymous = factory.CreateClient();

        var users = await Api.EventuallyAsync(
            async () =>
            {
                using var response = await anonymous.GetAsync("/dev/users");
                return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
            },
            u => u.Any(x => x!.Str("userId") == world.PersonId) && u.Any(x => x!.Str("userId") == world.Caseworker.Id),
            "the person and the caseworker among the development users");

        var person = users.Single(u => u!.Str("userId") == world.PersonId)!;
        Assert.Equal((caseId, "Ola Nordmann"), (person["personCases"]![0]!.Str("caseId"), person["personCases"]![0]!.Str("personName")));
        Assert.Equal(world.MunicipalityId, users.Single(u => u!.Str("userId") == world.Caseworker.Id)!["units"]![0]!.Str("unitId"));
    }

    private static JsonNode WithName(object body, string name)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!;
        node["person"]!["displayName"] = name;
        node["person"]!["pseudonymId"] = Api.NewId("P");
        return node;
    }

    private static async Task<JsonObject> MeAsync(TestWorld.User user)
    {
        using var response = await user.Http.GetAsync("/api/v1/me");
        return await response.OkJsonAsync();
    }

    private static async Task<JsonObject> NotificationsAsync(TestWorld.User user)
    {
        using var response = await user.Http.GetAsync("/api/v1/me/notifications");
        return await response.OkJsonAsync();
    }

    private static Task<JsonArray> CasesAsync(TestWorld.User user, string? q = null) =>
        ArrayAsync(user, q is null ? "/api/v1/me/cases" : $"/api/v1/me/cases?q={Uri.EscapeDataString(q)}");

    private static async Task<JsonArray> WorkOf(TestWorld.User user)
    {
        using var response = await user.Http.GetAsync("/api/v1/me/work");
        return (await response.OkJsonAsync())["items"]!.AsArray();
    }

    private static async Task<JsonArray> ArrayAsync(TestWorld.User user, string path)
    {
        using var response = await user.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsArray();
    }
}
