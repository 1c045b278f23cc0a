using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain.Work;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;
using static CaseGrid.Domain.Tests.Rules.Work.WorkOf;

namespace CaseGrid.Domain.Tests.Rules.Work;

/// <summary>
/// Who is told (domain §13): each kind of work item reaches exactly the people who must act — not a non-member, not a
/// member without the right — and goes when it is acted on, when the case moves, or when access ends.
/// </summary>
public sealed class WorkRulesTests
{
    private static readonly string[] MunicipalStaff = [Cast.Caseworker, Cast.Caseworker2, Cast.MunicipalityLeader];

    /// <summary>The standard short case with the municipality's caseworker and the NAV advisor in the group, housing owned by the second kontaktbetjent.</summary>
    private static CaseScenario WithGroup()
    {
        var s = Opened();
        s.Join(Cast.Kontaktbetjent2);
        s.Join(Cast.NavAdvisor);
        s.Identify("housing", Cast.Kontaktbetjent2);
        s.Identify("income-debt", Cast.NavAdvisor);
        return s;
    }

    [Fact]
    public void AHandoverOfferedToAUnit_ReachesEveryStaffMemberThere_AndNobodyElse()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), "Søknad sendt"));

        Assert.Equal(MunicipalStaff.Order(StringComparer.Ordinal).ToArray(), Reached(s, WorkItemKind.HandoverOffered));
        var item = Assert.Single(For(s, Cast.Caseworker2, WorkItemKind.HandoverOffered));
        Assert.Equal($"{CaseScenario.CaseId}:handover:{s.LastHandoverId}", item.ItemId);
        Assert.Equal(("housing", "Bolig", D("2026-03-20"), false), (item.Subject, item.SubjectTitle, item.Due, item.Overdue));
        Assert.Equal((Cast.Municipality, "Bergen kommune", s.LastHandoverId, "handover.answer"), (item.UnitId, item.UnitName, item.RefId, item.Action));
        Assert.Equal(("Lars", s.Now), (item.PersonName, item.Since));
        Assert.StartsWith($"Tilbudt av {Cast.Name(Cast.Kontaktbetjent2)} (Bergen fengsel)", item.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Søknad sendt", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandoverOfferedByName_ReachesOnlyTheNamedReceiver()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, Cast.Caseworker, D("2026-03-20"), null));

        Assert.Equal([Cast.Caseworker], Reached(s, WorkItemKind.HandoverOffered));
        Assert.Null(For(s, Cast.Caseworker, WorkItemKind.HandoverOffered).Single().UnitId);
    }

    [Theory]
    [InlineData("accepted")]
    [InlineData("declined")]
    [InlineData("withdrawn")]
    public void AHandoverOffered_GoesFromEveryList_OnceAnswered(string how)
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        var id = s.LastHandoverId;

        s.Accepts(how == "withdrawn" ? Cast.Kontaktbetjent2 : Cast.Caseworker2, how switch
        {
            "accepted" => new AcceptHandover(id),
            "declined" => new DeclineHandover(id, "Ingen ledige boliger"),
            _ => new WithdrawHandover(id, "Feil kommune"),
        });

        Assert.Empty(Reached(s, WorkItemKind.HandoverOffered));
    }

    [Fact]
    public void AHandoverPastItsPlannedDate_IsOverdue()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-04"), null));

        s.AdvanceTo(D("2026-03-05"));

        Assert.True(For(s, Cast.Caseworker, WorkItemKind.HandoverOffered).Single().Overdue);
    }

    [Fact]
    public void AProposal_IsForTheOwnerOfItsNeedArea_NotForAMemberWithoutTheRight()
    {
        var s = WithGroup();
        s.Accepts(Cast.Person, new SubmitProposal("housing", "Jeg vil bo nær datteren min"));

        Assert.Equal([Cast.Kontaktbetjent2], Reached(s, WorkItemKind.ProposalToAnswer));
        var item = For(s, Cast.Kontaktbetjent2, WorkItemKind.ProposalToAnswer).Single();

        // Five working days from Monday 2 March 2026.
        Assert.Equal((D("2026-03-09"), "proposal.answer", "Bolig"), (item.Due, item.Action, item.SubjectTitle));
        Assert.Equal("Innspill fra Lars (personen selv), svar innen 2026-03-09", item.Detail);
        Assert.Empty(For(s, Cast.NavAdvisor, WorkItemKind.ProposalToAnswer));
        Assert.Empty(For(s, Cast.Kontaktbetjent, WorkItemKind.ProposalToAnswer));
    }

    [Fact]
    public void AProposalWithoutANeedArea_OrOnAnAreaNotYetIdentified_IsForTheCoordinator()
    {
        var s = WithGroup();
        s.Accepts(Cast.Person, new SubmitProposal(null, "Kan vi møtes oftere?"));
        s.Accepts(Cast.NavAdvisor, new SubmitProposal("work", "Arbeidstrening"));

        Assert.Equal(2, For(s, Cast.Kontaktbetjent, WorkItemKind.ProposalToAnswer).Length);
        Assert.Equal([Cast.Kontaktbetjent], Reached(s, WorkItemKind.ProposalToAnswer));
    }

    [Fact]
    public void AProposal_GoesWhenAnswered_AndIsOverdueAfterItsAnswerDate()
    {
        var s = WithGroup();
        s.Accepts(Cast.Person, new SubmitProposal("housing", "Jeg vil bo nær datteren min"));
        s.AdvanceTo(D("2026-03-10"));
        Assert.True(For(s, Cast.Kontaktbetjent2, WorkItemKind.ProposalToAnswer).Single().Overdue);

        s.Accepts(Cast.Kontaktbetjent2, new AnswerProposal(s.Case.Proposals.Keys.Single(), false, "Ikke mulig nå", null, null));

        Assert.Empty(Reached(s, WorkItemKind.ProposalToAnswer));
    }

    [Fact]
    public void ADeadline_ReachesItsOwner_OnlyWithinTheWindow_ThenAsMissed_AndGoesWhenMet()
    {
        // Needs conversation part 1 is due a week after intake (9 March); it is the prison's, and the coordinator is the kontaktbetjent.
        var s = WithGroup();
        var narrow = new WorkSettings(DueWindowDays: 3);
        Assert.DoesNotContain(Items(s, narrow), i => i.Item.Subject == "needs-conversation-1");

        var due = Assert.Single(For(s, Cast.Kontaktbetjent, WorkItemKind.DeadlineDue), i => i.Subject == "needs-conversation-1");
        Assert.Equal((D("2026-03-09"), false, "deadline.meet", "Behovssamtale del 1"), (due.Due, due.Overdue, due.Action, due.SubjectTitle));
        Assert.Equal(NorwegianTime.StartOf(D("2026-03-02")), due.Since);
        Assert.StartsWith("Skal: Innkomst 2026-03-02 + 7 dager", due.Detail, StringComparison.Ordinal);
        Assert.Equal([Cast.Kontaktbetjent], Reached(s, WorkItemKind.DeadlineDue));

        s.AdvanceTo(D("2026-03-10"));
        var missed = Assert.Single(For(s, Cast.Kontaktbetjent, WorkItemKind.DeadlineMissed), i => i.Subject == "needs-conversation-1");
        Assert.True(missed.Overdue);
        Assert.Equal(NorwegianTime.StartOf(D("2026-03-10")), missed.Since);
        Assert.DoesNotContain(For(s, Cast.Kontaktbetjent, WorkItemKind.DeadlineDue), i => i.Subject == "needs-conversation-1");

        s.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, D("2026-03-10"), null));
        Assert.DoesNotContain(Items(s), i => i.Item.Subject == "needs-conversation-1");
    }

    [Fact]
    public void ADeadlineOfAnotherAgency_ReachesTheOwnerOfTheNeedAreaItConcerns_OrElseTheStaffOfItsUnit()
    {
        // Benefits in place on release day is NAV's, and concerns income and debt.
        var s = WithGroup();
        s.AdvanceTo(D("2026-07-01"));
        Assert.Equal([Cast.NavAdvisor], Reached(s, WorkItemKind.DeadlineDue).Where(u => For(s, u, WorkItemKind.DeadlineDue).Any(i => i.Subject == "benefits-in-place")).ToArray());

        // Owned by the prison instead, the deadline goes to the NAV office of the NAV member.
        s.Accepts(Cast.PrisonLeader, new OverrideResponsibility("income-debt", Cast.Kontaktbetjent2, "NAV-rådgiveren er syk"));
        var reached = Reach(s).Where(p => p.Value.Any(i => i.Subject == "benefits-in-place")).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([Cast.NavAdvisor, Cast.NavLeader], reached);
        Assert.Equal(Cast.Nav, Items(s).Single(i => i.Item.Subject == "benefits-in-place").Item.UnitId);
    }

    [Fact]
    public void ADeclinedHandover_IsEscalatedToTheLeadersOfTheSendersUnit_AndClosesWhenAnotherReceiverAccepts()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        s.Accepts(Cast.Caseworker, new DeclineHandover(s.LastHandoverId, "Ingen ledige boliger: HELSE-tekst"));

        Assert.Equal([Cast.PrisonLeader], Reached(s, WorkItemKind.Escalation));
        var item = For(s, Cast.PrisonLeader, WorkItemKind.Escalation).Single();
        Assert.Equal((Cast.Prison, "escalation.resolve", "housing"), (item.UnitId, item.Action, item.Subject));
        Assert.Equal("Overlevering av Bolig til Bergen kommune ble avslått", item.Detail);
        Assert.Empty(For(s, Cast.Kontaktbetjent2, WorkItemKind.Escalation));

        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.OsloMunicipality, null, D("2026-03-20"), null));
        Assert.Single(For(s, Cast.PrisonLeader, WorkItemKind.Escalation));
        s.Accepts(Cast.OsloCaseworker, new AcceptHandover(s.LastHandoverId));

        Assert.Empty(Reached(s, WorkItemKind.Escalation));
    }

    [Fact]
    public void AnEscalation_ClosesWhenALeaderOverridesTheResponsibility()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        s.Accepts(Cast.Caseworker, new DeclineHandover(s.LastHandoverId, "Nei"));

        s.Accepts(Cast.PrisonLeader, new OverrideResponsibility("housing", Cast.Kontaktbetjent, "Koordinator tar boligsaken"));

        Assert.Empty(Reached(s, WorkItemKind.Escalation));
    }

    [Fact]
    public void AnEscalation_ClosesWhenALeaderRecordsItHandled_WhichOnlyALeaderOfItsUnitMay()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        s.Accepts(Cast.Caseworker, new DeclineHandover(s.LastHandoverId, "Nei"));
        var id = s.Case.Escalations.Single().EscalationId;

        s.Refuses(Cast.Kontaktbetjent2, new ResolveEscalation(id, "Ringer kommunen"), ErrorKind.Forbidden, "escalation.not-leader");
        s.Refuses(Cast.MunicipalityLeader, new ResolveEscalation(id, "Ringer kommunen"), ErrorKind.Forbidden, "escalation.not-leader");
        s.Refuses(Cast.PrisonLeader, new ResolveEscalation(id, " "), ErrorKind.Unprocessable, "escalation.note-required");
        s.Refuses(Cast.PrisonLeader, new ResolveEscalation("esc-none", "x"), ErrorKind.NotFound, "escalation.not-found");
        Assert.Single(For(s, Cast.PrisonLeader, WorkItemKind.Escalation));

        var events = s.Accepts(Cast.PrisonLeader, new ResolveEscalation(id, "Avtalt med kommunen at de ser på saken igjen"));

        Assert.Equal(new EscalationResolved(id, "Avtalt med kommunen at de ser på saken igjen"), Assert.Single(events));
        var escalation = s.Case.Escalations.Single();
        Assert.Equal((s.Now, Cast.PrisonLeader), (escalation.ResolvedAt, escalation.ResolvedById));
        Assert.Empty(Reached(s, WorkItemKind.Escalation));
        s.Refuses(Cast.PrisonLeader, new ResolveEscalation(id, "igjen"), ErrorKind.Conflict, "escalation.resolved");
    }

    [Fact]
    public void AMissedDeadline_IsEscalatedToTheLeadersOfTheResponsibleUnit_AndClosesWhenMet()
    {
        var s = WithGroup();
        s.AdvanceTo(D("2026-03-10"));
        s.Tick();

        Assert.Equal([Cast.PrisonLeader], Reached(s, WorkItemKind.Escalation));
        var item = For(s, Cast.PrisonLeader, WorkItemKind.Escalation).Single();
        Assert.Equal(("needs-conversation-1", "Behovssamtale del 1", D("2026-03-09"), true), (item.Subject, item.SubjectTitle, item.Due, item.Overdue));
        Assert.Equal("Frist passert: Behovssamtale del 1, frist 2026-03-09", item.Detail);

        s.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, D("2026-03-10"), null));

        Assert.Empty(Reached(s, WorkItemKind.Escalation));
    }

    [Fact]
    public void AHandoverNotAcceptedInTime_IsEscalatedToTheReceivingUnitsLeaders_UntilAccepted()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-04"), null));
        s.AdvanceTo(D("2026-03-05"));
        s.Tick();

        Assert.Equal([Cast.MunicipalityLeader], Reached(s, WorkItemKind.Escalation));
        Assert.Equal("Overlevering av Bolig til Bergen kommune var planlagt 2026-03-04, men er ikke akseptert", For(s, Cast.MunicipalityLeader, WorkItemKind.Escalation).Single().Detail);

        s.Accepts(Cast.Caseworker, new AcceptHandover(s.LastHandoverId));

        Assert.Empty(Reached(s, WorkItemKind.Escalation));
    }

    [Fact]
    public void ReleaseMovedEarlier_ReachesEveryOwnerAndTheReceivingUnit_ButNotTheOneWhoMovedIt_NorTheOthers()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        s.Join(Cast.FriomsorgOfficer);

        s.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { ExpectedRelease = D("2026-06-15"), EarliestRelease = D("2026-06-15") }, null));

        Assert.Equal(
            [Cast.Caseworker, Cast.Caseworker2, Cast.Kontaktbetjent2, Cast.MunicipalityLeader, Cast.NavAdvisor],
            Reached(s, WorkItemKind.ReleaseMovedEarlier));
        var item = For(s, Cast.NavAdvisor, WorkItemKind.ReleaseMovedEarlier).Single();
        Assert.Equal(("Forventet løslatelse er flyttet fra 2026-07-06 til 2026-06-15", D("2026-06-15"), "dates.acknowledge"), (item.Detail, item.Due, item.Action));
        Assert.Equal(s.Case.DatesVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), item.RefId);
        Assert.Empty(Reached(s, WorkItemKind.KeyDatesChanged));

        s.Accepts(Cast.NavAdvisor, new AcknowledgeKeyDates(s.Case.DatesVersion));
        s.Accepts(Cast.Caseworker2, new AcknowledgeKeyDates(s.Case.DatesVersion));

        Assert.Equal([Cast.Kontaktbetjent2], Reached(s, WorkItemKind.ReleaseMovedEarlier));
    }

    [Fact]
    public void DatesMovedLater_AreKeyDatesChanged_AndAReleaseMovedEarlierBeforeThemIsNoLongerAsked()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { ExpectedRelease = D("2026-06-15"), EarliestRelease = D("2026-06-15") }, null));
        s.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { ExpectedRelease = D("2026-08-01") }, null));

        Assert.Empty(Reached(s, WorkItemKind.ReleaseMovedEarlier));
        Assert.Equal([Cast.Kontaktbetjent2, Cast.NavAdvisor], Reached(s, WorkItemKind.KeyDatesChanged));
        Assert.Equal("Nøkkeldatoene er endret; forventet løslatelse 2026-08-01", For(s, Cast.NavAdvisor, WorkItemKind.KeyDatesChanged).Single().Detail);
    }

    [Fact]
    public void ConsentRecordedOnThePersonsWord_IsForThePersonToConfirm_UntilConfirmed()
    {
        var s = WithGroup();
        var requested = (ConsentRequested)Assert.Single(s.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], "Kartleggingssamtalen")));

        Assert.Equal([Cast.Person], Reached(s, WorkItemKind.ConsentToConfirm));
        var item = For(s, Cast.Person, WorkItemKind.ConsentToConfirm).Single();
        Assert.Equal("consent.confirm", item.Action);
        Assert.Equal(requested.RequestId, item.RefId);

        s.Accepts(Cast.Person, new ConfirmPrivacyRequest(requested.RequestId));

        Assert.Equal([ConsentScope.PlanSharing], s.Case.Consent.Scopes.ToArray());
        Assert.Empty(Reached(s, WorkItemKind.ConsentToConfirm));
    }

    [Fact]
    public void AHealthApprovalRecordedOnThePersonsWord_IsForThePersonToConfirm_AndGoesWhenConfirmedOrRejected()
    {
        var s = WithGroup();
        var nav = (HealthAccessRequested)Assert.Single(s.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.NavAdvisor)));
        var colleague = (HealthAccessRequested)Assert.Single(s.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.Kontaktbetjent2)));
        Assert.Equal(2, For(s, Cast.Person, WorkItemKind.ConsentToConfirm).Length);
        Assert.Empty(s.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.NavAdvisor)));

        s.Accepts(Cast.Person, new ConfirmPrivacyRequest(nav.RequestId));
        s.Accepts(Cast.Person, new RejectPrivacyRequest(colleague.RequestId, null));

        Assert.Empty(Reached(s, WorkItemKind.ConsentToConfirm));
        Assert.True(s.Case.HealthApprovals.ContainsKey(Cast.NavAdvisor));
        Assert.False(s.Case.HealthApprovals.ContainsKey(Cast.Kontaktbetjent2));
    }

    [Fact]
    public void AnOwnerWhoHandsOverAndLeavesTheGroup_IsNoLongerAskedAnything()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { ExpectedRelease = D("2026-08-01") }, null));
        s.Accepts(Cast.Person, new SubmitProposal("income-debt", "Hjelp med gjeld"));
        Assert.Equal(2, Reach(s)[Cast.NavAdvisor].Length);

        s.Accepts(Cast.PrisonLeader, new OverrideResponsibility("income-debt", Cast.Kontaktbetjent2, "NAV-rådgiveren slutter"));
        s.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.NavAdvisor, null));

        Assert.False(Reach(s).ContainsKey(Cast.NavAdvisor));
        Assert.Single(For(s, Cast.Kontaktbetjent2, WorkItemKind.ProposalToAnswer));
    }

    [Fact]
    public void StaffWhoLeaveAUnit_NoLongerGetItsItems()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        var withoutCaseworker = new UnitDirectory(
            s.Units.Units,
            MunicipalStaff.Where(u => u != Cast.Caseworker).Select(u => (u, Cast.Municipality, u == Cast.MunicipalityLeader)));

        Assert.Single(For(s, Cast.Caseworker, WorkItemKind.HandoverOffered));
        Assert.Empty(For(s, Cast.Caseworker, WorkItemKind.HandoverOffered, withoutCaseworker));
        Assert.Single(For(s, Cast.Caseworker2, WorkItemKind.HandoverOffered, withoutCaseworker));
    }

    [Fact]
    public void AnOrphanedResponsibility_ReachesTheLeadersOfTheUnitTheOwnerLeft_AndTheCoordinator_UntilReassigned()
    {
        var s = WithGroup();
        s.Join(Cast.Caseworker);
        s.Join(Cast.Caseworker2);
        s.Identify("network", Cast.Caseworker);
        Assert.Empty(Reached(s, WorkItemKind.OwnerLeftUnit));

        s.ChangeStaff(s.Units.WithStaffRemoved(Cast.Caseworker));
        s.Tick();

        var flag = s.Case.Orphans["network"];
        Assert.Equal(new[] { s.Case.CoordinatorId, Cast.MunicipalityLeader }.Order(StringComparer.Ordinal).ToArray(), Reached(s, WorkItemKind.OwnerLeftUnit));
        var item = Assert.Single(For(s, Cast.MunicipalityLeader, WorkItemKind.OwnerLeftUnit));
        Assert.Equal(("network", Cast.Municipality, flag.EscalationId, "responsibility.reassign", s.Now), (item.Subject, item.UnitId, item.RefId, item.Action, item.Since));
        Assert.Contains($"{Cast.Name(Cast.Caseworker)} jobber ikke lenger ved Bergen kommune", item.Detail, StringComparison.Ordinal);
        Assert.Single(For(s, s.Case.CoordinatorId, WorkItemKind.OwnerLeftUnit));

        // The orphan's escalation reaches the leaders as this item, not as a second one.
        Assert.DoesNotContain(For(s, Cast.MunicipalityLeader, WorkItemKind.Escalation), i => i.RefId == flag.EscalationId);
        Assert.Empty(For(s, Cast.Caseworker2, WorkItemKind.OwnerLeftUnit));

        s.Accepts(Cast.MunicipalityLeader, new OverrideResponsibility("network", Cast.Caseworker2, "Gro har sluttet"));

        Assert.Empty(Reached(s, WorkItemKind.OwnerLeftUnit));
        Assert.DoesNotContain(For(s, Cast.MunicipalityLeader, WorkItemKind.Escalation), i => i.RefId == flag.EscalationId);
        Assert.NotNull(s.Case.Escalations.Single(e => e.EscalationId == flag.EscalationId).ResolvedAt);
    }

    [Fact]
    public void AnOwnerInAUnitTheCaseMovedAwayFrom_ReachesThatUnitsLeaders()
    {
        var s = WithGroup();
        s.Join(Cast.Caseworker);
        s.Identify("network", Cast.Caseworker);

        s.Accepts(Cast.Kontaktbetjent, new MoveCase(Cast.Municipality));
        s.Accepts(Cast.Kontaktbetjent, new MoveCase(Cast.OsloMunicipality));

        var item = Assert.Single(For(s, Cast.MunicipalityLeader, WorkItemKind.OwnerLeftUnit), i => i.Subject == "network");
        Assert.Contains("saken er flyttet fra Bergen kommune", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AClosedCase_NeedsNoOne()
    {
        var s = CaseScenario.Opened(phase: CasePhase.Released);
        s.Accepts(Cast.Person, new SubmitProposal(null, "Takk for hjelpen"));
        Assert.NotEmpty(Items(s));

        s.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Closed));

        Assert.Empty(Items(s));
        Assert.Null(WorkRules.NextChange(s.Case, s.Now, [], WorkSettings.Default));
    }

    [Fact]
    public void NoItem_CarriesFreeTextFromThePlan()
    {
        var s = WithGroup();
        const string Marker = "FRITEKST-9Q";
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-04"), $"{Marker} note"));
        s.Accepts(Cast.Caseworker, new DeclineHandover(s.LastHandoverId, $"{Marker} reason"));
        s.Accepts(Cast.Person, new SubmitProposal("income-debt", $"{Marker} proposal"));
        s.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], $"{Marker} consent"));
        s.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { ExpectedRelease = D("2026-06-15"), EarliestRelease = D("2026-06-15") }, null));
        s.AdvanceTo(D("2026-03-12"));
        s.Tick();

        var items = Items(s);

        Assert.Equal(
            [WorkItemKind.ProposalToAnswer, WorkItemKind.DeadlineMissed, WorkItemKind.DeadlineDue, WorkItemKind.Escalation, WorkItemKind.ReleaseMovedEarlier, WorkItemKind.ConsentToConfirm],
            items.Select(i => i.Item.Kind).Distinct());
        Assert.DoesNotContain(Marker, StateJson.Serialize(items), StringComparison.Ordinal);
    }

    [Fact]
    public void ItemIds_AreStable_WhileTheItemLasts()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-20"), null));
        var before = Items(s).Select(i => i.Item.ItemId).ToHashSet();

        s.Accepts(Cast.Kontaktbetjent, new AddGoal("housing", "Egen leilighet"));
        s.AdvanceDays(1);

        Assert.Superset(before, Items(s).Select(i => i.Item.ItemId).ToHashSet());
    }

    [Fact]
    public void NextChange_IsWhenADeadlineEntersTheWindow_OrAnAnswerDatePasses()
    {
        var s = WithGroup();
        var deadlines = s.Deadlines();

        // The conversation with the person is due 16 March: it enters a seven-day window on 9 March, the day before needs
        // conversation 1 (due 9 March) passes.
        Assert.Equal(NorwegianTime.StartOf(D("2026-03-09")), WorkRules.NextChange(s.Case, s.Now, deadlines, WorkSettings.Default));
        s.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, D("2026-03-02"), null));
        s.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(s.Now.AddDays(14), "Neste ansvarsgruppemøte"));
        s.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.IntakeConversation, D("2026-03-02"), null));
        s.Accepts(Cast.Person, new SubmitProposal(null, "Spørsmål"));

        // Without deadlines in the window, the proposal's answer date (9 March, from the rule set) passing is the next change.
        Assert.Equal(NorwegianTime.StartOf(D("2026-03-09")), WorkRules.NextChange(s.Case, s.Now, s.Deadlines(), WorkSettings.Default));
        Assert.Equal(NorwegianTime.StartOf(D("2026-03-10")), WorkRules.NextChange(s.Case, s.Now, [], WorkSettings.Default));
    }

    [Fact]
    public void CaseWork_GivesEveryActiveMemberTheirMembership_AndEachUnitItsStaffAndLeaderItems()
    {
        var s = WithGroup();
        s.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, D("2026-03-04"), null));
        s.AdvanceTo(D("2026-03-05"));
        s.Tick();

        var work = CaseWork.Of(s.Case, s.Today, Items(s));

        Assert.Equal([Cast.Kontaktbetjent, Cast.Kontaktbetjent2, Cast.NavAdvisor, Cast.Person], work.Users.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(MemberRole.Person, work.Users[Cast.Person].Membership!.Role);
        Assert.Equal(Cast.Prison, work.Users[Cast.NavAdvisor].Membership!.CurrentUnitId);
        Assert.All(work.Users.Values, u => Assert.Equal(s.Case.Version, u.CaseVersion));
        var municipality = work.Units[Cast.Municipality];
        Assert.Equal([WorkItemKind.HandoverOffered], municipality.Staff.Select(i => i.Kind));
        Assert.Equal([WorkItemKind.Escalation], municipality.Leaders.Select(i => i.Kind));
    }

    [Theory]
    [InlineData("Sørensen", "sorensen", true)]
    [InlineData("Åse Ødegård", "ase ode", true)]
    [InlineData("Björn Ärlig", "BJORN", true)]
    [InlineData("Ola  Nordmann", "ola nord", true)]
    [InlineData("Hæge", "haege", true)]
    [InlineData("Ola Nordmann", "kari", false)]
    [InlineData("Ola Nordmann", "", true)]
    public void NameSearch_FindsAnyPart_WithoutCaseOrAccents(string name, string query, bool found) =>
        Assert.Equal(found, NameSearch.Matches(name, query));

    [Fact]
    public void EveryKind_HasItsAction()
    {
        Assert.All(Enum.GetValues<WorkItemKind>(), k => Assert.Matches("^[a-z]+\\.[a-z]+$", WorkRules.ActionOf(k)));
        Assert.Equal("responsibility.reassign", WorkRules.ActionOf(WorkItemKind.OwnerLeftUnit));
    }
}
