using System.Net.Http.Headers;
using CaseGrid.Api.Tests;
using CaseGrid.Client.Generated;

namespace CaseGrid.Client.Tests;

/// <summary>
/// A partner's view: a C# client generated from the committed OpenAPI document (docs/openapi/v1.json), and nothing
/// else, drives a whole handover against the running service, from defining the units to the new owner — every write
/// with an Idempotency-Key, so any of them may be sent again after a lost answer.
/// </summary>
public sealed class HandoverThroughGeneratedClientTests(CaseGridApiFactory factory) : IClassFixture<CaseGridApiFactory>, IDisposable
{
    private readonly List<HttpClient> _connections = [];

    private static readonly TimeZoneInfo Norway = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Norway).DateTime);

    [Fact]
    public async Task Housing_IsHandedToTheMunicipality_OfferAcceptOverlapComplete()
    {
        var s = Guid.NewGuid().ToString("N")[..12];
        var (prison, municipality) = ($"prison-{s}", $"kommune-{s}");
        var (officer, colleague, caseworker, person) = ($"u-kari-{s}", $"u-per-{s}", $"u-ingrid-{s}", $"u-person-{s}");

        // The administrator defines the units and their staff, as an administrator would.
        var admin = new UnitsClient(await HttpForAsync($"u-admin-{s}", "Ada Admin", "casegrid-admin"));
        await admin.UnitsPutAsync(prison, Key(), new DefineUnitRequest { Name = "Testfengsel", Agency = Agency.Prison });
        await admin.UnitsPutAsync(municipality, Key(), new DefineUnitRequest { Name = "Testkommune", Agency = Agency.Municipality });
        await admin.StaffPutAsync(prison, officer, Key(), new SetStaffRequest { DisplayName = "Kari Nilsen", IsLeader = false });
        await admin.StaffPutAsync(prison, colleague, Key(), new SetStaffRequest { DisplayName = "Per Hansen", IsLeader = false });
        var roster = await admin.StaffPutAsync(municipality, caseworker, Key(), new SetStaffRequest { DisplayName = "Ingrid Dahl", IsLeader = false });
        Assert.Contains(roster.Staff, m => m.UserId == caseworker);

        // The officer opens the case, adds the colleague and the person, and names the colleague owner of housing.
        var kari = await HttpForAsync(officer, "Kari Nilsen");
        var opened = await new CasesClient(kari).CasesPostAsync(Key(), new OpenCase
        {
            Person = new PersonRef { PseudonymId = $"P-{s}", DisplayName = "Ola Nordmann" },
            Phase = CasePhase.Serving,
            UnitId = prison,
            Home = new HomeMunicipality { RegisteredUnitId = municipality },
            Dates = new KeyDates { SentenceStart = Today, EarliestRelease = Today.AddDays(40), ExpectedRelease = Today.AddDays(42), EndOfSentence = Today.AddDays(120) },
            CreatorRole = MemberRole.Kontaktbetjent,
        });
        var caseId = opened.Events.First().CaseId;
        Assert.IsType<CaseEventCaseOpened>(opened.Events.First().Event);
        var group = new AnsvarsgruppeClient(kari);
        await group.MembersAsync(caseId, Key(), new AddMember { UserId = colleague, DisplayName = "Per Hansen", Role = MemberRole.Kontaktbetjent, Agency = Agency.Prison, UnitId = prison });
        await group.MembersAsync(caseId, Key(), new AddMember { UserId = person, DisplayName = "Ola Nordmann", Role = MemberRole.Person, Agency = Agency.Person });
        await new PlanClient(kari).IdentifyAsync(caseId, "housing", Key(), new IdentifyNeedRequest { OwnerId = colleague, OwnWords = "Jeg vil ha en egen leilighet.", Assessment = "Ingen bolig ved løslatelse." });

        // The colleague offers housing to the municipality.
        var per = new HandoversClient(await HttpForAsync(colleague, "Per Hansen"));
        // Sent twice with one Idempotency-Key — as a client does when its first answer is lost to a failure — the offer
        // is made once, and the second answer is the first.
        var offerKey = Key();
        var offer = new OfferHandover { Subject = "housing", ToUnitId = municipality, PlannedDate = Today, Note = "Søknad om kommunal bolig er sendt." };
        var offered = await per.HandoversAsync(caseId, offerKey, offer);
        var again = await per.HandoversAsync(caseId, offerKey, offer);
        var handoverId = Assert.IsType<CaseEventHandoverOffered>(Assert.Single(offered.Events).Event).HandoverId;
        Assert.Equal(offered.Version, again.Version);
        Assert.Equal(handoverId, Assert.IsType<CaseEventHandoverOffered>(Assert.Single(again.Events).Event).HandoverId);

        // The municipal caseworker accepts (and so joins the group); completing before they have met is refused.
        var ingrid = new HandoversClient(await HttpForAsync(caseworker, "Ingrid Dahl"));
        var accepted = await ingrid.AcceptAsync(caseId, handoverId, Key());
        Assert.Equal([typeof(CaseEventMemberAdded), typeof(CaseEventHandoverAccepted)], accepted.Events.Select(e => e.Event.GetType()));
        var early = await Assert.ThrowsAsync<CaseGridApiException<ProblemDetails>>(() => ingrid.CompleteAsync(caseId, handoverId, Key()));
        Assert.Equal(409, early.StatusCode);
        Assert.Equal("handover.no-overlap", early.Result.Code);

        // The overlap: a group meeting with the receiver present.
        var met = await group.EncountersAsync(caseId, Key(), new RecordEncounter
        {
            Kind = EncounterKind.GroupMeeting,
            Date = Today,
            Attendees =
            [
                new Attendee { UserId = officer, Attendance = Attendance.Physical },
                new Attendee { UserId = colleague, Attendance = Attendance.Physical },
                new Attendee { UserId = caseworker, Attendance = Attendance.Digital },
                new Attendee { UserId = person, Attendance = Attendance.Physical },
            ],
            Summary = "Overføringsmøte: bolig.",
        });
        Assert.Contains(met.Events, e => e.Event is CaseEventOverlapEstablished);

        var completed = await ingrid.CompleteAsync(caseId, handoverId, Key());
        Assert.Equal(caseworker, Assert.IsType<CaseEventHandoverCompleted>(Assert.Single(completed.Events).Event).NewOwnerId);

        // The new owner, as the case reads through the same client.
        var state = await new CasesClient(kari).CasesGetAsync(caseId, atVersion: null, view: null);
        Assert.Equal(caseworker, state.NeedAreas["housing"].AccountableOwnerId);
        Assert.Equal(HandoverStatus.Completed, state.Handovers[handoverId].Status);
        Assert.Equal(MemberRole.MunicipalCaseworker, state.Members[caseworker].Role);
        Assert.Equal(completed.Version, state.Version);
        Assert.Single(state.Handovers.Values, h => h.Subject == "housing");
    }

    /// <summary>A fresh Idempotency-Key: every write the client sends can then be sent again safely.</summary>
    private static string Key() => Guid.NewGuid().ToString("N");

    /// <summary>A connection for a user's generated clients, carrying a bearer token the generated client got from the development issuer.</summary>
    private async Task<HttpClient> HttpForAsync(string userId, string displayName, params string[] roles)
    {
        using var anonymous = factory.CreateClient();
        var token = await new DevelopmentClient(anonymous).TokenAsync(new DevTokenRequest { UserId = userId, DisplayName = displayName, Roles = roles });
        var http = factory.CreateClient();
        _connections.Add(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(token.TokenType, token.AccessToken);
        return http;
    }

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }
}
