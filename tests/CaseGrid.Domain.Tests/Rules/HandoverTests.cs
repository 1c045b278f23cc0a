using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// The handover protocol of domain §6, for a need area and for the coordinator role alike: offered → accepted
/// (both responsible) → completed once the receiver has met the group or the person and the planned date has come.
/// </summary>
public sealed class HandoverTests
{
    private const string Need = "housing";
    private const string Coordinator = Responsibility.Coordinator;
    private const int PlannedInDays = 7;

    /// <summary>
    /// The standard case where <paramref name="subject"/> is owned by someone who owns nothing else: the
    /// coordinator role by the kontaktbetjent, the housing need by a second prison officer.
    /// </summary>
    private static (CaseScenario Scenario, string Sender) Owned(string subject)
    {
        var scenario = CaseScenario.Opened();
        if (subject == Coordinator)
        {
            return (scenario, Cast.Kontaktbetjent);
        }

        scenario.Join(Cast.Kontaktbetjent2);
        scenario.Identify(subject, Cast.Kontaktbetjent2);
        return (scenario, Cast.Kontaktbetjent2);
    }

    /// <summary><paramref name="subject"/> offered to the friomsorg office (or a named officer there), planned a week ahead.</summary>
    private static (CaseScenario Scenario, string Sender, string HandoverId) Offered(string subject, string? toUser = null)
    {
        var (scenario, sender) = Owned(subject);
        scenario.Accepts(sender, new OfferHandover(subject, Cast.Friomsorg, toUser, scenario.Today.AddDays(PlannedInDays), "Release on parole"));
        return (scenario, sender, scenario.LastHandoverId);
    }

    private static (CaseScenario Scenario, string Sender, string HandoverId) Accepted(string subject)
    {
        var (scenario, sender, id) = Offered(subject);
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(id));
        return (scenario, sender, id);
    }

    private static (CaseScenario Scenario, string Sender, string HandoverId) Overlapping(string subject)
    {
        var (scenario, sender, id) = Accepted(subject);
        scenario.AdvanceDays(2);
        scenario.Accepts(sender, new RecordEncounter(EncounterKind.GroupMeeting, scenario.Today, [new(sender, Attendance.Physical), new(Cast.FriomsorgOfficer, Attendance.Digital)], "Release planning"));
        return (scenario, sender, id);
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void OfferHandover_IsRecordedAsOffered_AndTheSenderStaysOwner(string subject)
    {
        var (scenario, sender) = Owned(subject);

        var events = scenario.Accepts(sender, new OfferHandover(subject, Cast.Friomsorg, null, scenario.Today.AddDays(PlannedInDays), "Release on parole"));

        var offered = Assert.IsType<HandoverOffered>(Assert.Single(events));
        var h = scenario.Case.Handovers[offered.HandoverId];
        Assert.Equal((HandoverStatus.Offered, subject, sender, Cast.Friomsorg), (h.Status, h.Subject, h.FromUserId, h.ToUnitId));
        Assert.Equal(scenario.Today.AddDays(PlannedInDays), h.PlannedDate);
        Assert.Equal(sender, scenario.Case.OwnerOf(subject));
        Assert.Contains(Cast.Friomsorg, scenario.Case.IncomingUnitIds);
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void OfferHandover_IsForbidden_WhenTheActorDoesNotOwnTheSubject(string subject)
    {
        var (scenario, _) = Owned(subject);
        scenario.Join(Cast.Caseworker);

        scenario.Refuses(Cast.Caseworker, new OfferHandover(subject, Cast.Friomsorg, null, scenario.Today, null), ErrorKind.Forbidden, "handover.not-owner");
        scenario.Refuses(Cast.Person, new OfferHandover(subject, Cast.Friomsorg, null, scenario.Today, null), ErrorKind.Forbidden, "handover.not-owner");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void OfferHandover_IsConflict_WhileAnotherHandoverOfTheSubjectIsOpen(string subject)
    {
        var (scenario, sender, id) = Offered(subject);

        var error = scenario.Refuses(sender, new OfferHandover(subject, Cast.Municipality, null, scenario.Today, null), ErrorKind.Conflict, "handover.already-open");

        Assert.Contains(id, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OfferHandover_IsRefused_ForAPlannedDateInThePastOrAnUnknownUnitOrAnUnidentifiedNeed()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new OfferHandover(Coordinator, Cast.Friomsorg, null, scenario.Today.AddDays(-1), null), ErrorKind.Unprocessable, "handover.planned-in-past");
        scenario.Refuses(Cast.Kontaktbetjent, new OfferHandover(Coordinator, Cast.UnknownUnit, null, scenario.Today, null), ErrorKind.Unprocessable, "unit.unknown");
        scenario.Refuses(Cast.Kontaktbetjent, new OfferHandover(Coordinator, Cast.Prison, Cast.Kontaktbetjent, scenario.Today, null), ErrorKind.Unprocessable, "handover.to-self");
        scenario.Refuses(Cast.Kontaktbetjent, new OfferHandover("work", Cast.Friomsorg, null, scenario.Today, null), ErrorKind.Conflict, "need.not-identified");
        scenario.Refuses(Cast.Kontaktbetjent, new OfferHandover("astrology", Cast.Friomsorg, null, scenario.Today, null), ErrorKind.NotFound, "handover.subject-unknown");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptHandover_ByStaffOfTheReceivingUnit_JoinsTheGroupWithTheRoleOfTheUnitsAgency(string subject)
    {
        var (scenario, sender, id) = Offered(subject);
        Assert.False(scenario.Case.Members.ContainsKey(Cast.FriomsorgOfficer));

        var events = scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(id));

        Assert.Equal(2, events.Length);
        var joined = Assert.IsType<MemberAdded>(events[0]).Member;
        Assert.Equal((Cast.FriomsorgOfficer, MemberRole.FriomsorgOfficer, Agency.Friomsorg, Cast.Friomsorg), (joined.UserId, joined.Role, joined.Agency, joined.UnitId));
        Assert.Equal(new HandoverAccepted(id, Cast.FriomsorgOfficer), events[1]);
        var h = scenario.Case.Handovers[id];
        Assert.Equal((HandoverStatus.Accepted, Cast.FriomsorgOfficer, scenario.Now), (h.Status, h.AcceptedById, h.AcceptedAt));
        Assert.True(scenario.Case.IsActiveMember(Cast.FriomsorgOfficer, scenario.Today));
        Assert.Equal(sender, scenario.Case.OwnerOf(subject));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptHandover_ByAMemberOfTheGroupAtTheReceivingUnit_AddsNoMembership(string subject)
    {
        var (scenario, sender) = Owned(subject);
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(sender, new OfferHandover(subject, Cast.Municipality, null, scenario.Today, null));

        var events = scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));

        Assert.IsType<HandoverAccepted>(Assert.Single(events));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptHandover_ByTheNamedReceiver_IsAccepted_AndByTheirColleague_IsForbidden(string subject)
    {
        var (scenario, _, id) = Offered(subject, toUser: Cast.FriomsorgOfficer2);

        scenario.Refuses(Cast.FriomsorgOfficer, new AcceptHandover(id), ErrorKind.Forbidden, "handover.not-receiver");
        scenario.Accepts(Cast.FriomsorgOfficer2, new AcceptHandover(id));

        Assert.Equal(Cast.FriomsorgOfficer2, scenario.Case.Handovers[id].AcceptedById);
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptHandover_ByANamedReceiverWhoWorksElsewhere_IsForbidden_UntilTheyAreAMember(string subject)
    {
        var (scenario, sender) = Owned(subject);
        scenario.Accepts(sender, new OfferHandover(subject, Cast.Municipality, Cast.NavAdvisor, scenario.Today, null));
        var id = scenario.LastHandoverId;

        scenario.Refuses(Cast.NavAdvisor, new AcceptHandover(id), ErrorKind.Forbidden, "handover.receiver-not-staff");
        Assert.False(scenario.Case.Members.ContainsKey(Cast.NavAdvisor));
        scenario.Join(Cast.NavAdvisor);
        scenario.Accepts(Cast.NavAdvisor, new AcceptHandover(id));

        var member = scenario.Case.Members[Cast.NavAdvisor];
        Assert.Equal((Agency.Nav, Cast.Nav, MemberRole.NavAdvisor), (member.Agency, member.UnitId, member.Role));
        Assert.Equal(Cast.NavAdvisor, scenario.Case.Handovers[id].AcceptedById);
    }

    [Fact]
    public void AcceptHandover_ByANamedMemberWithoutAUnit_IsAccepted()
    {
        var (scenario, sender) = Owned(Need);
        scenario.Join(Cast.NgoWorker);
        scenario.Accepts(sender, new OfferHandover(Need, Cast.Municipality, Cast.NgoWorker, scenario.Today, null));

        var events = scenario.Accepts(Cast.NgoWorker, new AcceptHandover(scenario.LastHandoverId));

        Assert.IsType<HandoverAccepted>(Assert.Single(events));
        Assert.Null(scenario.Case.Members[Cast.NgoWorker].UnitId);
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptHandover_IsForbidden_ForStaffOfAnotherUnit(string subject)
    {
        var (scenario, _, id) = Offered(subject);
        scenario.Join(Cast.Caseworker);

        scenario.Refuses(Cast.Caseworker, new AcceptHandover(id), ErrorKind.Forbidden, "handover.not-receiving-unit");
        scenario.Refuses(Cast.NavLeader, new AcceptHandover(id), ErrorKind.Forbidden, "handover.not-receiving-unit");
        scenario.Refuses(Cast.Stranger, new AcceptHandover(id), ErrorKind.Forbidden, "handover.not-receiving-unit");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptHandover_IsConflict_WhenAlreadyAccepted(string subject)
    {
        var (scenario, _, id) = Accepted(subject);

        scenario.Refuses(Cast.FriomsorgOfficer2, new AcceptHandover(id), ErrorKind.Conflict, "handover.not-offered");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void CompleteHandover_IsRejected_WhenReceiverHasNotAccepted(string subject)
    {
        var (scenario, sender, id) = Offered(subject);
        scenario.AdvanceDays(PlannedInDays);

        scenario.Refuses(sender, new CompleteHandover(id), ErrorKind.Conflict, "handover.not-accepted");
        Assert.Equal(sender, scenario.Case.OwnerOf(subject));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void CompleteHandover_IsRejected_WithoutOverlap(string subject)
    {
        var (scenario, sender, id) = Accepted(subject);
        scenario.AdvanceDays(PlannedInDays);

        scenario.Refuses(sender, new CompleteHandover(id), ErrorKind.Conflict, "handover.no-overlap");
        scenario.Refuses(Cast.FriomsorgOfficer, new CompleteHandover(id), ErrorKind.Conflict, "handover.no-overlap");
    }

    [Theory]
    [InlineData(Need, EncounterKind.GroupMeeting)]
    [InlineData(Need, EncounterKind.ContactWithPerson)]
    [InlineData(Coordinator, EncounterKind.GroupMeeting)]
    [InlineData(Coordinator, EncounterKind.ContactWithPerson)]
    public void Overlap_IsEstablished_ByAnEncounterOfTheReceiverAfterAccepting(string subject, EncounterKind kind)
    {
        var (scenario, _, id) = Accepted(subject);
        scenario.AdvanceDays(1);

        var events = scenario.Accepts(Cast.FriomsorgOfficer, new RecordEncounter(kind, scenario.Today, [new(Cast.FriomsorgOfficer, Attendance.Physical)], "First talk"));

        Assert.Equal(2, events.Length);
        var encounter = Assert.IsType<EncounterRecorded>(events[0]).Encounter;
        Assert.Equal(new OverlapEstablished(id, encounter.EncounterId), events[1]);
        Assert.True(scenario.Case.Handovers[id].OverlapMet);
        Assert.Contains(encounter, scenario.Case.Encounters);
    }

    [Fact]
    public void Overlap_IsNotEstablished_ByAnEncounterWithoutTheReceiver()
    {
        var (scenario, sender, id) = Accepted(Need);

        var events = scenario.Accepts(sender, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(sender, Attendance.Physical)], null));

        Assert.IsType<EncounterRecorded>(Assert.Single(events));
        Assert.False(scenario.Case.Handovers[id].OverlapMet);
    }

    [Fact]
    public void Overlap_IsNotEstablished_ByAnEncounterDatedBeforeTheAcceptance()
    {
        var (scenario, sender) = Owned(Need);
        scenario.Join(Cast.FriomsorgOfficer);
        var meetingDay = scenario.Today;
        scenario.Accepts(sender, new OfferHandover(Need, Cast.Friomsorg, null, scenario.Today, null));
        scenario.AdvanceDays(2);
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(scenario.LastHandoverId));

        var events = scenario.Accepts(sender, new RecordEncounter(EncounterKind.GroupMeeting, meetingDay, [new(sender, Attendance.Physical), new(Cast.FriomsorgOfficer, Attendance.Physical)], "Held before"));

        Assert.IsType<EncounterRecorded>(Assert.Single(events));
        Assert.False(scenario.Case.Handovers[scenario.LastHandoverId].OverlapMet);
        scenario.Refuses(sender, new CompleteHandover(scenario.LastHandoverId), ErrorKind.Conflict, "handover.no-overlap");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void CompleteHandover_IsRejected_BeforeThePlannedDate(string subject)
    {
        var (scenario, sender, id) = Overlapping(subject);
        scenario.AdvanceDays(PlannedInDays - 3);

        var error = scenario.Refuses(sender, new CompleteHandover(id), ErrorKind.Conflict, "handover.before-planned-date");

        Assert.Contains(scenario.Case.Handovers[id].PlannedDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Detail, StringComparison.Ordinal);
        Assert.Equal(sender, scenario.Case.OwnerOf(subject));
    }

    [Theory]
    [InlineData(Need, false, 0)]
    [InlineData(Need, true, 0)]
    [InlineData(Need, false, 10)]
    [InlineData(Coordinator, false, 0)]
    [InlineData(Coordinator, true, 0)]
    [InlineData(Coordinator, true, 10)]
    public void CompleteHandover_OnOrAfterThePlannedDate_MovesOwnershipAndReleasesTheSender(string subject, bool byReceiver, int daysLate)
    {
        var (scenario, sender, id) = Overlapping(subject);
        scenario.AdvanceDays(PlannedInDays - 2 + daysLate);
        Assert.True(scenario.Today >= scenario.Case.Handovers[id].PlannedDate);
        scenario.Refuses(sender, new EndMembership(sender, null), ErrorKind.Conflict, "member.holds-responsibility");

        var events = scenario.Accepts(byReceiver ? Cast.FriomsorgOfficer : sender, new CompleteHandover(id));

        Assert.Equal(new HandoverCompleted(id, Cast.FriomsorgOfficer), Assert.Single(events));
        Assert.Equal(Cast.FriomsorgOfficer, scenario.Case.OwnerOf(subject));
        var h = scenario.Case.Handovers[id];
        Assert.Equal((HandoverStatus.Completed, scenario.Now), (h.Status, h.ClosedAt));
        Assert.Empty(CaseDecider.ResponsibilitiesHeldBy(scenario.Case, sender));
        scenario.Accepts(sender, new EndMembership(sender, null));
        Assert.False(scenario.Case.IsActiveMember(sender, scenario.Today));
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void CompletedHandover_LeavesTheFormerOwnerUnableToHandOverAgain(string subject)
    {
        var (scenario, sender, id) = Overlapping(subject);
        scenario.AdvanceDays(PlannedInDays);
        scenario.Accepts(sender, new CompleteHandover(id));

        scenario.Refuses(sender, new CompleteHandover(id), ErrorKind.Conflict, "handover.closed");
        scenario.Refuses(sender, new OfferHandover(subject, Cast.Municipality, null, scenario.Today, null), ErrorKind.Forbidden, "handover.not-owner");
        scenario.Accepts(Cast.FriomsorgOfficer, new OfferHandover(subject, Cast.Municipality, null, scenario.Today, null));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void CompleteHandover_IsForbidden_ForSomeoneOtherThanSenderOrReceiver(string subject)
    {
        var (scenario, _, id) = Overlapping(subject);
        scenario.AdvanceDays(PlannedInDays);
        scenario.Join(Cast.Caseworker);

        scenario.Refuses(Cast.Caseworker, new CompleteHandover(id), ErrorKind.Forbidden, "handover.not-party");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void AcceptedReceiver_CannotLeaveTheGroup_WhileTheHandoverIsOpen(string subject)
    {
        var (scenario, _, _) = Accepted(subject);

        scenario.Refuses(Cast.FriomsorgOfficer, new EndMembership(Cast.FriomsorgOfficer, null), ErrorKind.Conflict, "member.holds-responsibility");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void DeclineHandover_NeedsAReason(string subject)
    {
        var (scenario, _, id) = Offered(subject);

        scenario.Refuses(Cast.FriomsorgOfficer, new DeclineHandover(id, ""), ErrorKind.Unprocessable, "handover.reason-required");
        scenario.Refuses(Cast.FriomsorgOfficer, new DeclineHandover(id, "  "), ErrorKind.Unprocessable, "handover.reason-required");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void DeclineHandover_KeepsTheSenderOwner_AndEscalates(string subject)
    {
        var (scenario, sender, id) = Offered(subject);

        var events = scenario.Accepts(Cast.FriomsorgOfficer, new DeclineHandover(id, "Not our district"));

        Assert.Equal(2, events.Length);
        Assert.Equal(new HandoverDeclined(id, "Not our district"), events[0]);
        var raised = Assert.IsType<EscalationRaised>(events[1]);
        Assert.Equal((subject, id), (raised.Subject, raised.HandoverId));
        Assert.Contains("Not our district", raised.Reason, StringComparison.Ordinal);
        var h = scenario.Case.Handovers[id];
        Assert.Equal((HandoverStatus.Declined, "Not our district"), (h.Status, h.Reason));
        Assert.Equal(sender, scenario.Case.OwnerOf(subject));
        var escalation = Assert.Single(scenario.Case.Escalations);
        Assert.Equal((raised.EscalationId, id, scenario.Now), (escalation.EscalationId, escalation.HandoverId, escalation.RaisedAt));
        Assert.False(scenario.Case.Members.ContainsKey(Cast.FriomsorgOfficer));
        Assert.DoesNotContain(Cast.Friomsorg, scenario.Case.IncomingUnitIds);
        scenario.Accepts(sender, new OfferHandover(subject, Cast.Municipality, null, scenario.Today, null));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void DeclineHandover_IsForbidden_ForStaffOfAnotherUnit_AndConflict_OnceAccepted(string subject)
    {
        var (scenario, _, id) = Offered(subject);

        scenario.Refuses(Cast.Caseworker, new DeclineHandover(id, "Not ours"), ErrorKind.Forbidden, "handover.not-receiving-unit");
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(id));
        scenario.Refuses(Cast.FriomsorgOfficer2, new DeclineHandover(id, "Too late"), ErrorKind.Conflict, "handover.not-offered");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void WithdrawHandover_BySender_ClosesIt_AndAllowsANewOffer(string subject)
    {
        var (scenario, sender, id) = Accepted(subject);

        scenario.Refuses(Cast.FriomsorgOfficer, new WithdrawHandover(id, "Mine now"), ErrorKind.Forbidden, "handover.not-sender");
        scenario.Refuses(sender, new WithdrawHandover(id, ""), ErrorKind.Unprocessable, "handover.reason-required");
        var events = scenario.Accepts(sender, new WithdrawHandover(id, "Release postponed"));

        Assert.Equal(new HandoverWithdrawn(id, "Release postponed"), Assert.Single(events));
        Assert.Equal(HandoverStatus.Withdrawn, scenario.Case.Handovers[id].Status);
        Assert.Equal(sender, scenario.Case.OwnerOf(subject));
        scenario.Refuses(sender, new WithdrawHandover(id, "Again"), ErrorKind.Conflict, "handover.closed");
        scenario.Refuses(sender, new CompleteHandover(id), ErrorKind.Conflict, "handover.closed");
        scenario.Accepts(Cast.FriomsorgOfficer, new EndMembership(Cast.FriomsorgOfficer, null));
        scenario.Accepts(sender, new OfferHandover(subject, Cast.Municipality, null, scenario.Today, null));
    }

    [Fact]
    public void AcceptHandover_ByAMemberWhoIsLeaving_IsUnprocessable()
    {
        var (scenario, sender) = Owned(Need);
        scenario.Join(Cast.FriomsorgOfficer);
        scenario.Accepts(Cast.FriomsorgOfficer, new EndMembership(Cast.FriomsorgOfficer, scenario.Today.AddDays(30)));
        scenario.Accepts(sender, new OfferHandover(Need, Cast.Friomsorg, null, scenario.Today, null));

        scenario.Refuses(Cast.FriomsorgOfficer, new AcceptHandover(scenario.LastHandoverId), ErrorKind.Unprocessable, "owner.leaving");
    }

    [Fact]
    public void AcceptHandover_ByThePerson_IsUnprocessable()
    {
        var (scenario, sender) = Owned(Need);
        scenario.Accepts(sender, new OfferHandover(Need, Cast.Friomsorg, Cast.Person, scenario.Today, null));

        scenario.Refuses(Cast.Person, new AcceptHandover(scenario.LastHandoverId), ErrorKind.Unprocessable, "owner.is-person");
    }

    [Fact]
    public void TwoSubjects_HandedOverIndependently_EachMoveOnlyTheirOwn()
    {
        var scenario = CaseScenario.Opened();
        scenario.Identify(Need, Cast.Kontaktbetjent);
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Need, Cast.Municipality, null, scenario.Today.AddDays(1), null));
        var housing = scenario.LastHandoverId;
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Coordinator, Cast.Friomsorg, null, scenario.Today.AddDays(1), null));
        var coordinator = scenario.LastHandoverId;
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(housing));
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(coordinator));
        scenario.AdvanceDays(1);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.GroupMeeting, scenario.Today, [new(Cast.Caseworker, Attendance.Digital), new(Cast.FriomsorgOfficer, Attendance.Physical)], null));

        scenario.Accepts(Cast.Caseworker, new CompleteHandover(housing));

        Assert.Equal(Cast.Caseworker, scenario.Case.OwnerOf(Need));
        Assert.Equal(Cast.Kontaktbetjent, scenario.Case.CoordinatorId);
        scenario.Refuses(Cast.Kontaktbetjent, new EndMembership(Cast.Kontaktbetjent, null), ErrorKind.Conflict, "member.holds-responsibility");
        scenario.Accepts(Cast.FriomsorgOfficer, new CompleteHandover(coordinator));
        Assert.Equal(Cast.FriomsorgOfficer, scenario.Case.CoordinatorId);
        scenario.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.Kontaktbetjent, null));
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }
}
