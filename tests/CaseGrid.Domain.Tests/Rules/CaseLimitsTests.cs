using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// A case holds a bounded number of goals, measures, proposals, meetings, encounters, members, handovers…: one member
/// cannot grow it without end. Past a cap a command is refused (422, <c>case.limit</c>) and nothing changes.
/// </summary>
public sealed class CaseLimitsTests
{
    [Fact]
    public void PastEachCap_TheCommandIsRefused_AndNothingChanges()
    {
        var s = CaseScenario.Opened();
        s.Join(Cast.Caseworker);
        s.Identify("housing", Cast.Caseworker);

        // The case has three members: the coordinator, the person and the caseworker.
        s.Limits = new CaseLimits
        {
            Members = 4, Goals = 1, Measures = 1, Proposals = 1, Meetings = 1, Encounters = 1, Handovers = 1, Milestones = 1,
            Agreements = 1, SupportingOwnersPerArea = 1, ReleaseExceptions = 1, WaitingPrivacyRequests = 1, DecisionsPerMeeting = 1,
        };
        var due = s.Today.AddDays(10);
        var contact = new RecordEncounter(EncounterKind.ContactWithPerson, s.Today, [new Attendee(Cast.Caseworker, Attendance.Physical)], null);
        (string Actor, CaseCommand Fits, CaseCommand Over)[] steps =
        [
            (Cast.Caseworker, new AddGoal("housing", "Mål 1"), new AddGoal("housing", "Mål 2")),
            (Cast.Caseworker, new AddMeasure(["housing"], "Tiltak 1", null, Cast.Caseworker, due, null), new AddMeasure(["housing"], "Tiltak 2", null, Cast.Caseworker, due, null)),
            (Cast.Person, new SubmitProposal("housing", "Forslag 1"), new SubmitProposal("housing", "Forslag 2")),
            (Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, s.Today, null), new RecordMilestone(MilestoneKind.NeedsConversation2, s.Today, null)),
            (Cast.Caseworker, contact, contact),
            (Cast.Kontaktbetjent, new ScheduleMeeting(s.Now.AddDays(1), "Møte"), new ScheduleMeeting(s.Now.AddDays(2), "Møte 2")),
            (Cast.Kontaktbetjent, new AddMember(Cast.NavAdvisor, "Nora", MemberRole.NavAdvisor, Agency.Nav, Cast.Nav, null), new AddMember(Cast.FriomsorgOfficer, "Dag", MemberRole.FriomsorgOfficer, Agency.Friomsorg, Cast.Friomsorg, null)),
            (Cast.Caseworker, new AddSupportingOwner("housing", Cast.Kontaktbetjent), new AddSupportingOwner("housing", Cast.NavAdvisor)),
            (Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], null), new ApproveHealthAccess(Cast.Caseworker)),
        ];

        foreach (var (actor, fits, over) in steps)
        {
            s.Accepts(actor, fits);
            var error = s.Refuses(actor, over);
            Assert.True((ErrorKind.Unprocessable, "case.limit") == (error.Kind, error.Code), $"{over.GetType().Name}: {error}");
        }
    }

    [Fact]
    public void TheDefaults_AreGenerous()
    {
        var limits = CaseLimits.Default;

        Assert.True(limits.Goals >= 100 && limits.Measures >= 100 && limits.Members >= 50 && limits.Encounters >= 500 && limits.Proposals >= 100);
    }
}
