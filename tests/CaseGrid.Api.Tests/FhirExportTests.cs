// The FHIR model marks every element nullable; an element the export left out fails these tests all the same.
#nullable disable warnings

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Task = System.Threading.Tasks.Task;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The FHIR R4 export of a case's plan: a collection Bundle that the Firely parser reads in strict mode and the
/// SDK's validation accepts, carrying the plan's measures, goals, need areas and active members with their statuses.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class FhirExportTests(CaseGridApiFactory factory)
{
    private const string NeedAreaSystem = "urn:casegrid:need-area";
    private const string UserSystem = "urn:casegrid:user";
    private static readonly string[] Housing = ["housing"];
    private static readonly string[] IncomeDebt = ["income-debt"];

    [Fact]
    public async Task Export_IsAValidR4Bundle_WithThePlansMeasuresGoalsNeedAreasAndActiveMembers()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var plan = await PlanAsync(world);

        using var response = await world.Officer.Http.GetAsync($"/api/v1/cases/{plan.CaseId}/fhir");

        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(json);
        var issues = bundle.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.FhirXhtml, null, validateRecursively: true);
        Assert.Empty(issues);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);

        // Every reference inside the Bundle resolves to one of its entries.
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        Assert.Equal(bundle.Entry.Count, fullUrls.Count);
        var references = ReferencesIn(JsonNode.Parse(json)).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, fullUrls));

        var carePlan = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<CarePlan>());
        Assert.Equal(RequestStatus.Active, carePlan.Status);
        Assert.Equal(CarePlan.CarePlanIntent.Plan, carePlan.Intent);
        Assert.Equal(plan.CaseId, Assert.Single(carePlan.Identifier).Value);
        Assert.Equal("urn:casegrid:pseudonym", carePlan.Subject.Identifier.System);
        Assert.Equal($"P-{world.Suffix}", carePlan.Subject.Identifier.Value);
        Assert.Equal(Api.Today.Iso(), carePlan.Period.Start);
        Assert.Equal(Api.Today.AddDays(180).Iso(), carePlan.Period.End);

        // The person is there by pseudonym only: neither their name nor anything but the pseudonym identifies them.
        Assert.DoesNotContain("Ola Nordmann", json, StringComparison.Ordinal);

        // Need areas: one Condition each, coded in CaseGrid's system with the Norwegian name.
        var conditions = bundle.Entry.Where(e => e.Resource is Condition).ToDictionary(e => e.FullUrl, e => (Condition)e.Resource);
        Assert.Equal(["housing", "income-debt"], conditions.Values.Select(c => Need(c.Code)).Order(StringComparer.Ordinal));
        var housing = conditions.Single(c => Need(c.Value.Code) == "housing");
        Assert.Equal("Bolig", housing.Value.Code.Coding.Single().Display);
        Assert.Equal("Økonomi og gjeld", conditions.Values.Single(c => Need(c.Code) == "income-debt").Code.Coding.Single().Display);
        Assert.Equal("active", housing.Value.ClinicalStatus.Coding.Single().Code);
        Assert.Equal(conditions.Keys.Order(StringComparer.Ordinal), carePlan.Addresses.Select(a => a.Reference).Order(StringComparer.Ordinal));

        // Measures: statuses mapped, the owner as performer, the need areas as reasons.
        var search = Activity(carePlan, "Søke kommunal bolig");
        Assert.Equal(CarePlan.CarePlanActivityStatus.InProgress, search.Status);
        Assert.Equal(world.Colleague.Id, Assert.Single(search.Performer).Identifier.Value);
        Assert.Equal(UserSystem, search.Performer[0].Identifier.System);
        Assert.Equal("housing", Need(Assert.Single(search.ReasonCode)));
        Assert.Equal(housing.Key, Assert.Single(search.ReasonReference).Reference);
        Assert.Equal(Api.Today.AddDays(30).Iso(), ((Period)search.Scheduled).End);
        var nav = Activity(carePlan, "Time hos NAV om gjeld");
        Assert.Equal(CarePlan.CarePlanActivityStatus.Cancelled, nav.Status);
        Assert.Equal("Ikke lenger aktuelt.", nav.StatusReason.Text);
        Assert.Equal(world.Officer.Id, Assert.Single(nav.Performer).Identifier.Value);
        var proposed = Activity(carePlan, "Ola søker selv om startlån");
        Assert.Equal(CarePlan.CarePlanActivityStatus.NotStarted, proposed.Status);
        Assert.Equal("urn:casegrid:pseudonym", Assert.Single(proposed.Performer).Identifier.System);

        // Goals: one each, achieved or not, addressing their need area.
        var goals = bundle.Entry.Where(e => e.Resource is Goal).ToDictionary(e => ((Goal)e.Resource).Description.Text, e => (Url: e.FullUrl, Goal: (Goal)e.Resource));
        Assert.Equal(2, goals.Count);
        var flat = goals["Egen leilighet før løslatelse."];
        Assert.Equal(Goal.GoalLifecycleStatus.Active, flat.Goal.LifecycleStatus);
        Assert.Equal("in-progress", flat.Goal.AchievementStatus.Coding.Single().Code);
        Assert.Equal(housing.Key, Assert.Single(flat.Goal.Addresses).Reference);
        Assert.Equal(plan.HousingGoalId, flat.Goal.Identifier.Single().Value);
        var debt = goals["Oversikt over gjelden."];
        Assert.Equal(Goal.GoalLifecycleStatus.Completed, debt.Goal.LifecycleStatus);
        Assert.Equal("achieved", debt.Goal.AchievementStatus.Coding.Single().Code);
        Assert.Equal(goals.Values.Select(g => g.Url).Order(StringComparer.Ordinal), carePlan.Goal.Select(g => g.Reference).Order(StringComparer.Ordinal));
        Assert.Contains(flat.Url, search.Goal.Select(g => g.Reference));

        // The care team: the active members only, the coordinator flagged, each staff member with their agency.
        var team = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<CareTeam>());
        Assert.Equal(CareTeam.CareTeamStatus.Active, team.Status);
        Assert.Equal(world.PrisonId, Assert.Single(team.ManagingOrganization).Identifier.Value);
        Assert.Equal(world.PrisonId, team.ManagingOrganization[0].Display);
        var members = team.Participant.Where(p => p.Member.Identifier.System == UserSystem).ToDictionary(p => p.Member.Identifier.Value);
        Assert.Equal(new[] { world.Colleague.Id, world.Officer.Id }.Order(StringComparer.Ordinal), members.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(world.NavAdvisor.Id, json, StringComparison.Ordinal);
        Assert.Single(team.Participant, p => p.Member.Identifier.System == "urn:casegrid:pseudonym");
        var officer = members[world.Officer.Id];
        Assert.Equal(world.Officer.Name, officer.Member.Display);
        Assert.Contains(officer.Role, r => r.Coding.Single() is { System: "urn:casegrid:responsibility", Code: "coordinator" });
        Assert.Contains(officer.Role, r => r.Text == "Kontaktbetjent");
        Assert.DoesNotContain(members[world.Colleague.Id].Role, r => r.Coding.Single().Code == "coordinator");
        Assert.Equal("Prison", officer.OnBehalfOf.Display);
        Assert.Equal(world.PrisonId, officer.OnBehalfOf.Identifier.Value);
        Assert.Equal(carePlan.CareTeam.Single().Reference, bundle.Entry.Single(e => e.Resource is CareTeam).FullUrl);
    }

    [Fact]
    public async Task Export_IsTheSameBundle_WhenTheCaseHasNotChanged()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();

        using var first = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}/fhir");
        using var second = await world.Colleague.Http.GetAsync($"/api/v1/cases/{caseId}/fhir");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_IsRefused_AsTheCaseReadIs()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var unknown = Api.NewId("case");

        using var outsider = await world.Outsider.Http.GetAsync($"/api/v1/cases/{caseId}/fhir");
        using var missing = await world.Officer.Http.GetAsync($"/api/v1/cases/{unknown}/fhir");
        using var missingRead = await world.Officer.Http.GetAsync($"/api/v1/cases/{unknown}");
        using var invalid = await world.Officer.Http.GetAsync("/api/v1/cases/not%20an%20id/fhir");
        using var anonymous = factory.CreateClient();
        using var unauthenticated = await anonymous.GetAsync($"/api/v1/cases/{caseId}/fhir");

        await outsider.ProblemAsync(HttpStatusCode.Forbidden, "case.not-member");
        await missing.ProblemAsync(missingRead.StatusCode, "case.not-found");
        await invalid.ProblemAsync(HttpStatusCode.BadRequest, "id.invalid");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private static string Need(CodeableConcept concept)
    {
        var coding = Assert.Single(concept.Coding);
        Assert.Equal(NeedAreaSystem, coding.System);
        return coding.Code;
    }

    /// <summary>Every <c>reference</c> string anywhere in the JSON.</summary>
    private static IEnumerable<string> ReferencesIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "reference" && p.Value is JsonValue v ? [v.GetValue<string>()] : ReferencesIn(p.Value)),
        JsonArray a => a.SelectMany(ReferencesIn),
        _ => [],
    };

    private static async Task<JsonObject> SendOkAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        return await response.OkJsonAsync();
    }

    private static CarePlan.DetailComponent Activity(CarePlan carePlan, string description) =>
        Assert.Single(carePlan.Activity, a => a.Detail.Description == description).Detail;

    /// <summary>
    /// A plan with two need areas, a goal in each (one achieved), a measure under way, one cancelled and one only
    /// proposed, and a former member.
    /// </summary>
    private static async Task<(string CaseId, string HousingGoalId)> PlanAsync(TestWorld world)
    {
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var officer = world.Officer.Http;
        var colleague = world.Colleague.Http;
        var path = $"/api/v1/cases/{caseId}";
        await SendOkAsync(officer, HttpMethod.Post, $"{path}/needs/income-debt/identify", new { ownerId = world.Officer.Id, ownWords = (string?)null, assessment = "Gjeld til Statens innkrevingssentral." });

        var housingGoal = await SendOkAsync(officer, HttpMethod.Post, $"{path}/goals", new { code = "housing", text = "Egen leilighet før løslatelse." });
        var debtGoal = await SendOkAsync(officer, HttpMethod.Post, $"{path}/goals", new { code = "income-debt", text = "Oversikt over gjelden." });
        var debtGoalId = debtGoal["events"]![0]!.Str("event.goalId")!;
        await SendOkAsync(officer, HttpMethod.Put, $"{path}/goals/{debtGoalId}", new { expectedVersion = debtGoal.Number("version"), text = "Oversikt over gjelden.", achieved = true });

        await SendOkAsync(officer, HttpMethod.Post, $"{path}/milestones", new { kind = "NeedsConversation1", date = Api.Today.Iso(), note = (string?)null });
        var search = await SendOkAsync(officer, HttpMethod.Post, $"{path}/measures", new
        {
            needCodes = Housing, what = "Søke kommunal bolig", why = "Ingen bolig ved løslatelse.", ownerId = world.Colleague.Id,
            due = Api.Today.AddDays(30).Iso(), requirements = (string?)null,
        });
        var searchId = search["events"]![0]!.Str("event.measureId")!;
        var version = search.Number("version");
        foreach (var (client, status) in new[] { (officer, "ChosenByPerson"), (colleague, "AcceptedByOwner"), (colleague, "Started") })
        {
            var moved = await SendOkAsync(client, HttpMethod.Post, $"{path}/measures/{searchId}/status", new { expectedVersion = version, status, note = (string?)null });
            version = moved.Number("version");
        }

        var nav = await SendOkAsync(officer, HttpMethod.Post, $"{path}/measures", new
        {
            needCodes = IncomeDebt, what = "Time hos NAV om gjeld", why = (string?)null, ownerId = world.Officer.Id, due = (string?)null, requirements = (string?)null,
        });
        await SendOkAsync(officer, HttpMethod.Post, $"{path}/measures/{nav["events"]![0]!.Str("event.measureId")}/status", new { expectedVersion = nav.Number("version"), status = "Cancelled", note = "Ikke lenger aktuelt." });
        await SendOkAsync(officer, HttpMethod.Post, $"{path}/measures", new
        {
            needCodes = Housing, what = "Ola søker selv om startlån", why = (string?)null, ownerId = world.PersonId, due = (string?)null, requirements = (string?)null,
        });

        // A member who has left is no participant of the team.
        await world.AddMemberAsync(caseId, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", world.NavId);
        await SendOkAsync(officer, HttpMethod.Post, $"{path}/members/{world.NavAdvisor.Id}/end", new { until = (string?)null });
        return (caseId, housingGoal["events"]![0]!.Str("event.goalId")!);
    }
}
