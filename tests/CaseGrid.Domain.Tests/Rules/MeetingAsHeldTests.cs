using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// Meetings as they are held (domain §10): an invitation with invitees, a place or video link and notice to the person;
/// everyone delivering a measure invited (002:1085-1086); apologies; guests who are not members on the minutes; standing
/// items; the next meeting booked before one closes (002:905-906); minutes approved and sent to the members and the
/// person; and the person may call a meeting and chair it (003:519-521).
/// </summary>
public sealed class MeetingAsHeldTests
{
    private static CaseScenario Group() => MeetingTests.Group();

    private static string LastMeeting(CaseScenario scenario) => scenario.Case.Meetings.Values.OrderBy(m => m.Version).Last().MeetingId;

    [Fact]
    public void AnInvitation_NamesItsInvitees_AlwaysThePerson_AndAPlaceOrAVideoLink()
    {
        var scenario = Group();

        var e = Assert.IsType<MeetingScheduled>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent,
            new ScheduleMeeting(scenario.Now.AddDays(8), "Møte før løslatelse", [Cast.NavAdvisor, Cast.Kontaktbetjent], "Bergen fengsel, møterom 2", "https://video.example/abc"))));

        var meeting = scenario.Case.Meetings[e.MeetingId];
        Assert.Equal<string>([Cast.Kontaktbetjent, Cast.NavAdvisor, Cast.Person], meeting.Invitees);
        Assert.Equal(("Bergen fengsel, møterom 2", "https://video.example/abc", scenario.Now, Cast.Kontaktbetjent), (meeting.Place, meeting.VideoLink, meeting.InvitedAt, meeting.CalledById));
        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(8), "Møte", [Cast.NavAdvisor], " ", null), ErrorKind.Unprocessable, "meeting.place-required");
        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(8), "Møte", [Cast.Stranger], "Rom 1", null), ErrorKind.Unprocessable, "meeting.invitee-not-member");
    }

    [Fact]
    public void AMeetingBookedWithoutAnInvitation_GetsOneLater_ToEveryMemberByDefault()
    {
        var scenario = Group();
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(8), "Neste møte"));
        var id = LastMeeting(scenario);
        Assert.Null(scenario.Case.Meetings[id].InvitedAt);

        scenario.AdvanceDays(1);
        scenario.Accepts(Cast.NavAdvisor, new SendMeetingInvitation(id, [], null, "https://video.example/xyz", null));

        var meeting = scenario.Case.Meetings[id];
        Assert.Equal<string>([Cast.Caseworker, Cast.Kontaktbetjent, Cast.NavAdvisor, Cast.Person], meeting.Invitees);
        Assert.Equal(scenario.Now, meeting.InvitedAt);
    }

    [Fact]
    public void EveryoneDeliveringAMeasure_MustBeInvited()
    {
        var scenario = Group();
        scenario.Identify("income-debt", Cast.NavAdvisor);
        scenario.Accepts(Cast.NavAdvisor, new AddMeasure(["income-debt"], "Gjeldsrådgivning", null, Cast.NavAdvisor, null, null));
        var measure = scenario.LastMeasureId;
        scenario.Accepts(Cast.Person, new ChangeMeasureStatus(measure, scenario.Case.Measures[measure].Version, MeasureStatus.ChosenByPerson, null));
        scenario.Accepts(Cast.NavAdvisor, new ChangeMeasureStatus(measure, scenario.Case.Measures[measure].Version, MeasureStatus.AcceptedByOwner, null));

        var error = scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(8), "Møte", [Cast.Caseworker], "Rom 1", null), ErrorKind.Unprocessable, "meeting.deliverers-not-invited");

        Assert.Equal<string>([Cast.NavAdvisor], Assert.IsType<ImmutableArray<string>>(error.Current));
        Assert.Contains("invite Name of nav-jon too", error.Detail, StringComparison.Ordinal);
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(8), "Møte", [Cast.Caseworker, Cast.NavAdvisor], "Rom 1", null));
    }

    [Fact]
    public void ThePerson_MayCallAMeeting_ChairIt_OpenItAndCloseIt()
    {
        var scenario = Group();

        scenario.Accepts(Cast.Person, new ScheduleMeeting(scenario.Now.AddHours(3), "Mitt møte", [], "Besøksrommet", null, Cast.Person));
        var id = LastMeeting(scenario);
        scenario.Accepts(Cast.Person, new ScheduleMeeting(scenario.Now.AddDays(14), "Oppfølging", ChairId: Cast.Person));
        scenario.Accepts(Cast.Person, new OpenMeeting(id));
        scenario.Accepts(Cast.Person, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Person, new CloseMeeting(id));

        var meeting = scenario.Case.Meetings[id];
        Assert.Equal((MeetingStatus.Closed, Cast.Person, Cast.Person), (meeting.Status, meeting.ChairId, meeting.CalledById));

        // A meeting the person neither called nor chairs is run by the agencies.
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(20), "Kontaktbetjentens møte"));
        scenario.Refuses(Cast.Person, new OpenMeeting(LastMeeting(scenario)), ErrorKind.Forbidden, "meeting.person");
        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(3), "Møte", ChairId: Cast.Stranger), ErrorKind.Unprocessable, "meeting.chair-not-member");
    }

    [Fact]
    public void Apologies_AreRecordedBeforeOrDuringTheMeeting_AndGiveWayToAttendance()
    {
        var scenario = Group();
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddHours(2), "Møte"));
        var id = LastMeeting(scenario);

        scenario.Accepts(Cast.NavAdvisor, new RecordApology(id, Cast.NavAdvisor));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordApology(id, Cast.Caseworker));
        Assert.Empty(scenario.Accepts(Cast.NavAdvisor, new RecordApology(id, Cast.NavAdvisor)));
        scenario.Refuses(Cast.Person, new RecordApology(id, Cast.Caseworker), ErrorKind.Forbidden, "meeting.person-self-only");
        Assert.Equal<string>([Cast.NavAdvisor, Cast.Caseworker], scenario.Case.Meetings[id].Apologies);

        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));
        scenario.Accepts(Cast.Caseworker, new RecordAttendance(id, Cast.Caseworker, Attendance.Digital));

        Assert.Equal<string>([Cast.NavAdvisor], scenario.Case.Meetings[id].Apologies);
        scenario.Refuses(Cast.Caseworker, new RecordApology(id, Cast.Caseworker), ErrorKind.Conflict, "meeting.already-attending");
    }

    [Fact]
    public void Guests_WhoAreNotMembers_GoOnTheMinutes_WithoutJoiningTheGroup()
    {
        var scenario = Group();
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddHours(2), "Møte"));
        var id = LastMeeting(scenario);
        scenario.Refuses(Cast.Kontaktbetjent, new AddMeetingGuest(id, "Amina Yusuf", GuestRole.Interpreter), ErrorKind.Conflict, "meeting.not-open");
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));

        scenario.Accepts(Cast.Kontaktbetjent, new AddMeetingGuest(id, "Amina Yusuf", GuestRole.Interpreter));
        scenario.Accepts(Cast.Caseworker, new AddMeetingGuest(id, "Advokat Berit Ness", GuestRole.Lawyer));

        Assert.Equal([("Amina Yusuf", GuestRole.Interpreter), ("Advokat Berit Ness", GuestRole.Lawyer)], scenario.Case.Meetings[id].Guests.Select(g => (g.Name, g.Role)));
        Assert.Equal(4, scenario.Case.Members.Count);
        scenario.Refuses(Cast.Person, new AddMeetingGuest(id, "Mor", GuestRole.Family), ErrorKind.Forbidden, "meeting.person");

        var withheld = new CaseRedactor(NeedAreaCatalogue.Default).Redact(scenario.Case, Contracts.Privacy.DetailAccess.DetailsWithheld);
        Assert.All(withheld.Meetings[id].Guests, g => Assert.Equal(CaseRedactor.Withheld, g.Name));
    }

    [Fact]
    public void AMeeting_ClosesOnlyWithTheNextOneBooked_AndAfterReleaseMayEndTheGroupWithAReason()
    {
        var scenario = Group();
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddHours(2), "Møte"));
        var id = LastMeeting(scenario);
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));

        scenario.Refuses(Cast.Kontaktbetjent, new CloseMeeting(id), ErrorKind.Conflict, "meeting.next-not-booked");
        scenario.Refuses(Cast.Kontaktbetjent, new CloseMeeting(id, "Vi er ferdige"), ErrorKind.Conflict, "meeting.next-not-booked");
        Assert.Equal(("next-meeting", "Ikke booket – bookes før møtet avsluttes"), Standing(scenario, id)[1]);

        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(21), "Oppfølgingsmøte"));
        Assert.Equal(("next-meeting", "Booket 2026-03-23: Oppfølgingsmøte"), Standing(scenario, id)[1]);
        scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(id));

        // Released, the group may hold its last meeting.
        var released = CaseScenario.Opened();
        released.ExceptAllCriticalAreas();
        released.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
        released.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(released.Now.AddHours(1), "Siste møte"));
        var last = LastMeeting(released);
        released.Accepts(Cast.Kontaktbetjent, new OpenMeeting(last));
        released.Accepts(Cast.Kontaktbetjent, new RecordAttendance(last, Cast.Person, Attendance.Physical));
        released.Refuses(Cast.Kontaktbetjent, new CloseMeeting(last), ErrorKind.Conflict, "meeting.next-not-booked");
        released.Accepts(Cast.Kontaktbetjent, new CloseMeeting(last, "Ettervernet er over; Lars klarer seg selv"));
        Assert.Equal("Ettervernet er over; Lars klarer seg selv", released.Case.Meetings[last].NoNextMeetingReason);
    }

    [Fact]
    public void TheStandingItems_AreThePersonsRound_WithTheirNotice_AndTheNextMeeting()
    {
        var scenario = Group();
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(3), "Møte", [], "Rom 1", null));
        var id = LastMeeting(scenario);

        var items = Standing(scenario, id);

        Assert.Equal(("person-round", "Lars: innkalling sendt 2026-03-02, 3 dager før – kort varsel (anbefalt minst 7 dager)"), items[0]);
        Assert.Equal("next-meeting", items[1].Code);
    }

    [Fact]
    public void TheMinutes_AreFinishedAfterTheMeeting_ThenApprovedBySomeoneWhoChairs_AndSentToEveryMemberAndThePerson()
    {
        var scenario = Group();
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddHours(2), "Møte", ChairId: Cast.Caseworker));
        var id = LastMeeting(scenario);
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(14), "Neste"));
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(id));

        scenario.Refuses(Cast.Caseworker, new ApproveMinutes(id), ErrorKind.Unprocessable, "meeting.minutes-empty");
        scenario.Accepts(Cast.Caseworker, new EditMinutes(id, scenario.Case.Meetings[id].MinutesVersion, "Boligsøknad sendes innen fredag."));
        scenario.Refuses(Cast.NavAdvisor, new ApproveMinutes(id), ErrorKind.Forbidden, "meeting.not-chair");

        var approved = Assert.IsType<MinutesApproved>(Assert.Single(scenario.Accepts(Cast.Caseworker, new ApproveMinutes(id))));

        Assert.Equal<string>([Cast.Caseworker, Cast.Kontaktbetjent, Cast.NavAdvisor, Cast.Person], approved.SentTo);
        var meeting = scenario.Case.Meetings[id];
        Assert.Equal((scenario.Now, Cast.Caseworker), (meeting.MinutesApprovedAt, meeting.MinutesApprovedById));
        Assert.Contains(Cast.Person, meeting.MinutesSentTo);
        scenario.Refuses(Cast.Caseworker, new ApproveMinutes(id), ErrorKind.Conflict, "meeting.minutes-approved");
        scenario.Refuses(Cast.Caseworker, new EditMinutes(id, meeting.MinutesVersion, "Endret i ettertid"), ErrorKind.Conflict, "meeting.finished");
    }

    private static (string Code, string Note)[] Standing(CaseScenario scenario, string meetingId) =>
        [.. MeetingAgenda.Standing(scenario.Case, scenario.Case.Meetings[meetingId], scenario.Rules).Select(i => (i.Code, i.Note))];
}
