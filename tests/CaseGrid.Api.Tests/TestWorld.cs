using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A small world of fresh units and staff, set up through the API as an administrator would: a prison with two
/// officers and a leader, a municipality with a caseworker, a NAV office with an advisor, and a user of no unit.
/// Every id carries a fresh suffix, so tests sharing one host and one database never meet.
/// </summary>
public sealed class TestWorld : IDisposable
{
    private static readonly string[] PlanSharing = ["PlanSharing"];
    private readonly List<HttpClient> _clients = [];
    private User? _person;

    private TestWorld(CaseGridApiFactory factory)
    {
        Factory = factory;
        var suffix = Guid.NewGuid().ToString("N")[..12];
        PrisonId = $"prison-{suffix}";
        MunicipalityId = $"kommune-{suffix}";
        NavId = $"nav-{suffix}";
        PersonId = $"u-person-{suffix}";
        Suffix = suffix;
    }

    public CaseGridApiFactory Factory { get; }

    public string Suffix { get; }

    public string PrisonId { get; }

    public string MunicipalityId { get; }

    public string NavId { get; }

    /// <summary>The person the cases are about (a member, never an owner).</summary>
    public string PersonId { get; }

    public User Admin { get; private set; } = null!;

    /// <summary>The kontaktbetjent who opens cases and so coordinates them.</summary>
    public User Officer { get; private set; } = null!;

    /// <summary>A second prison officer who owns need areas and hands them over.</summary>
    public User Colleague { get; private set; } = null!;

    /// <summary>The prison's leader: may override responsibility, is not a member of the group.</summary>
    public User PrisonLeader { get; private set; } = null!;

    /// <summary>Municipal staff, not a member of any group until they accept a handover.</summary>
    public User Caseworker { get; private set; } = null!;

    /// <summary>Staff of a NAV office: another unit than the one handovers go to.</summary>
    public User NavAdvisor { get; private set; } = null!;

    /// <summary>An authenticated user who works nowhere and belongs to no group.</summary>
    public User Outsider { get; private set; } = null!;

    public static async Task<TestWorld> CreateAsync(CaseGridApiFactory factory)
    {
        var world = new TestWorld(factory);
        var s = world.Suffix;
        world.Admin = await world.UserAsync($"u-admin-{s}", "Ada Admin", Api.AdminRole);
        world.Officer = await world.UserAsync($"u-kari-{s}", "Kari Nilsen");
        world.Colleague = await world.UserAsync($"u-per-{s}", "Per Hansen");
        world.PrisonLeader = await world.UserAsync($"u-lise-{s}", "Lise Leder");
        world.Caseworker = await world.UserAsync($"u-ingrid-{s}", "Ingrid Dahl");
        world.NavAdvisor = await world.UserAsync($"u-nora-{s}", "Nora Lie");
        world.Outsider = await world.UserAsync($"u-otto-{s}", "Otto Utenfor");

        await world.DefineUnitAsync(world.PrisonId, "Testfengsel", "Prison");
        await world.DefineUnitAsync(world.MunicipalityId, "Testkommune", "Municipality");
        await world.DefineUnitAsync(world.NavId, "NAV Test", "Nav");
        await world.AddStaffAsync(world.PrisonId, world.Officer, isLeader: false);
        await world.AddStaffAsync(world.PrisonId, world.Colleague, isLeader: false);
        await world.AddStaffAsync(world.PrisonId, world.PrisonLeader, isLeader: true);
        await world.AddStaffAsync(world.MunicipalityId, world.Caseworker, isLeader: false);
        await world.AddStaffAsync(world.NavId, world.NavAdvisor, isLeader: false);
        return world;
    }

    /// <summary>A client for a user of this world.</summary>
    public async Task<User> UserAsync(string userId, string displayName, params string[] roles)
    {
        var http = await Factory.ClientForAsync(userId, displayName, roles);
        _clients.Add(http);
        return new User(userId, displayName, http);
    }

    /// <summary>Define a unit as the administrator.</summary>
    public async Task DefineUnitAsync(string unitId, string name, string agency, string? municipality = null)
    {
        using var response = await Admin.Http.PutAsJsonAsync($"/api/v1/units/{unitId}", new { name, agency, municipality });
        var unit = await response.OkJsonAsync();
        Assert.Equal(agency, unit.Str("agency"));
    }

    /// <summary>Add a staff member to a unit as the administrator.</summary>
    public async Task AddStaffAsync(string unitId, User user, bool isLeader)
    {
        using var response = await Admin.Http.PutAsJsonAsync($"/api/v1/units/{unitId}/staff/{user.Id}", new { displayName = user.Name, isLeader });
        var view = await response.OkJsonAsync();
        Assert.Contains(view["staff"]!.AsArray(), s => s!.Str("userId") == user.Id);
    }

    /// <summary>The body of <c>POST /api/v1/cases</c> for a case at the prison, received by the municipality.</summary>
    public object OpenCaseBody(object? dates = null) => new
    {
        person = new { pseudonymId = $"P-{Suffix}", displayName = "Ola Nordmann" },
        phase = "Serving",
        unitId = PrisonId,
        home = new { registeredUnitId = MunicipalityId },
        dates = dates ?? new
        {
            // Intake today on a six-week sentence (the fast track): no deadline is overdue, so the clock adds no
            // events of its own while a test counts them.
            sentenceStart = Api.Today.Iso(),
            earliestRelease = Api.Today.AddDays(40).Iso(),
            expectedRelease = Api.Today.AddDays(42).Iso(),
            endOfSentence = Api.Today.AddDays(120).Iso(),
            endOfSupervision = Api.Today.AddDays(180).Iso(),
        },
        creatorRole = "Kontaktbetjent",
    };

    /// <summary>
    /// The officer opens a case and adds the person, who gives their consent to share the plan within the group (at the
    /// end of the needs conversation); returns its id. <paramref name="consent"/> false leaves the officer alone in the
    /// group and the consent unrecorded.
    /// </summary>
    public async Task<string> OpenCaseAsync(bool consent = true)
    {
        using var response = await Officer.Http.PostAsJsonAsync("/api/v1/cases", OpenCaseBody());
        var body = await response.OkJsonAsync(HttpStatusCode.Created);
        var caseId = body["events"]![0]!.Str("caseId")!;
        if (consent)
        {
            await ConsentAsync(caseId, PlanSharing);
        }

        return caseId;
    }

    /// <summary>
    /// The person gives their consent to <paramref name="scopes"/> themselves (consent the coordinator records on their
    /// word waits for their confirmation); they join the group first when they are not in it.
    /// </summary>
    public async Task ConsentAsync(string caseId, params string[] scopes)
    {
        var members = (await CaseAsync(caseId))["members"]!.AsObject();
        if (!members.ContainsKey(PersonId))
        {
            await AddMemberAsync(caseId, PersonId, "Ola Nordmann", "Person", "Person", null);
        }

        _person ??= await UserAsync(PersonId, "Ola Nordmann");
        using var given = await _person.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { scopes, note = "Kartleggingssamtale" });
        Assert.Equal(["consent-recorded"], (await given.OkJsonAsync()).EventTypes());
    }

    /// <summary>
    /// The officer opens a case, adds the colleague and the person, and identifies housing with the colleague as
    /// its accountable owner; returns the case id.
    /// </summary>
    public async Task<string> OpenCaseWithHousingOwnedByColleagueAsync(bool consent = true)
    {
        var caseId = await OpenCaseAsync(consent);
        await AddMemberAsync(caseId, Colleague.Id, Colleague.Name, "Kontaktbetjent", "Prison", PrisonId);
        if (!consent)
        {
            await AddMemberAsync(caseId, PersonId, "Ola Nordmann", "Person", "Person", null);
        }

        using var identify = await Officer.Http.PostAsJsonAsync(
            $"/api/v1/cases/{caseId}/needs/housing/identify",
            new { ownerId = Colleague.Id, ownWords = "Jeg vil ha en egen leilighet.", assessment = "Ingen bolig ved løslatelse." });
        await identify.OkJsonAsync();
        return caseId;
    }

    /// <summary>The officer adds a member.</summary>
    public async Task<JsonObject> AddMemberAsync(string caseId, string userId, string displayName, string role, string agency, string? unitId)
    {
        using var response = await Officer.Http.PostAsJsonAsync(
            $"/api/v1/cases/{caseId}/members",
            new { userId, displayName, role, agency, unitId, from = (string?)null });
        return await response.OkJsonAsync();
    }

    /// <summary>The colleague offers housing to <paramref name="toUnitId"/> from today; returns the handover id.</summary>
    public async Task<string> OfferHousingAsync(string caseId, string toUnitId)
    {
        using var response = await Colleague.Http.PostAsJsonAsync(
            $"/api/v1/cases/{caseId}/handovers",
            new { subject = "housing", toUnitId, toUserId = (string?)null, plannedDate = Api.Today.Iso(), note = "Søknad om kommunal bolig er sendt." });
        var body = await response.OkJsonAsync();
        Assert.Equal(["handover-offered"], body.EventTypes());
        return body["events"]![0]!.Str("event.handoverId")!;
    }

    /// <summary>The case as the officer (a member) reads it.</summary>
    public async Task<JsonObject> CaseAsync(string caseId, long? atVersion = null)
    {
        var query = atVersion is null ? "" : $"?atVersion={atVersion}";
        using var response = await Officer.Http.GetAsync($"/api/v1/cases/{caseId}{query}");
        return await response.OkJsonAsync();
    }

    /// <summary>The case's event log as the officer reads it: every event after version 0.</summary>
    public async Task<JsonObject> EventsAsync(string caseId)
    {
        using var response = await Officer.Http.GetAsync($"/api/v1/cases/{caseId}/events?after=0&max=1000");
        return await response.OkJsonAsync();
    }

    /// <summary>How many events the log holds; also checks the log agrees with the case's current version.</summary>
    public async Task<int> EventCountAsync(string caseId)
    {
        var page = await EventsAsync(caseId);
        var count = page["events"]!.AsArray().Count;
        Assert.Equal(page.Number("currentVersion"), count);
        return count;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    /// <summary>A user with a client carrying their token.</summary>
    public sealed record User(string Id, string Name, HttpClient Http);
}
