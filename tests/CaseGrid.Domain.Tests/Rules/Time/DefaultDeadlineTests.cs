using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Each default rule of domain §7: its due date, its reason in words, and the day the clock records it missed.</summary>
public sealed class DefaultDeadlineTests
{
    [Fact]
    public void DefaultRuleSet_HoldsTheRulesOfDomainSection7_WithVersionAndSources()
    {
        var rules = DeadlineRuleSet.Default;

        Assert.Equal("2026.2", rules.Version);
        Assert.Equal(
            ["needs-conversation-1", "proposals", "conversation-with-person", "intake-conversation", "municipality-contacted-short", "municipality-contacted-long",
             "friomsorg-engaged", "friomsorg-contacts-municipality", "plan-review-short", "plan-review-long", "coordinator-handover-planned", "exit-conversation",
             "release-meeting", "post-release-plan", "benefits-in-place", "coordinator-after-supervision", "follow-up-week", "follow-up-month", "follow-up-quarter",
             "aftercare-review"],
            rules.Rules.Select(r => r.Id));
        Assert.All(rules.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.Equal(["proposals", "aftercare-review"], rules.Rules.Where(r => r.Severity == DeadlineSeverity.Should).Select(r => r.Id));
        Assert.Equal(21, rules.InactivityDays);
        Assert.Equal(7, rules.DueSoonDays);
        Assert.Contains("God Løsladelse", rules.Origin, StringComparison.Ordinal);
        Assert.Contains("000:1502-1721", rules.Origin, StringComparison.Ordinal);
        Assert.Equal(14, rules.FirstDays.DaysBeforeRelease);
        Assert.Equal(new DeadlinePeriod(5, PeriodUnit.WorkingDays), rules.Proposals.AnswerWithin);
        Assert.Equal(new DeadlinePeriod(8, PeriodUnit.Weeks), rules.LeadTimeOf(Contracts.Plan.ApplicationKind.Housing)!.Time);
        Assert.All(rules.LeadTimes, l => Assert.False(string.IsNullOrWhiteSpace(l.Source)));
        Assert.NotNull(rules.Json);
    }

    [Fact]
    public void Deadlines_OfASixMonthSentence_AreDueAsTheRulesSay_WithReasons()
    {
        var scenario = Opened();

        var deadlines = scenario.Deadlines().ToDictionary(d => d.RuleId);

        Assert.All(deadlines.Values, d => Assert.Equal("2026.2", d.RuleSetVersion));
        Assert.Equal((D("2026-03-09"), "Innkomst 2026-03-02 + 7 dager", DeadlineStatus.DueSoon), Due(deadlines["needs-conversation-1"]));
        Assert.Equal((D("2026-03-30"), "Innkomst 2026-03-02 + 4 uker", DeadlineStatus.Upcoming), Due(deadlines["intake-conversation"]));
        Assert.Equal((D("2026-03-30"), "Innkomst 2026-03-02 + 4 uker (straff inntil 1 år)", DeadlineStatus.Upcoming), Due(deadlines["municipality-contacted-short"]));
        Assert.Equal(DeadlineStatus.NotApplicable, deadlines["municipality-contacted-long"].Status);
        Assert.Equal("Gjelder ikke: straffen er inntil 1 år", deadlines["municipality-contacted-long"].Reason);
        Assert.Equal((D("2026-05-11"), "Tidligste løslatelse (2/3) 2026-07-06 − 8 uker", DeadlineStatus.Upcoming), Due(deadlines["friomsorg-engaged"]));
        Assert.Equal(
            (D("2026-06-02"), "Innkomst 2026-03-02 (ingen planevaluering registrert) + 3 måneder (1 år eller mindre igjen til løslatelse)", DeadlineStatus.Upcoming),
            Due(deadlines["plan-review-short"]));
        Assert.Equal(DeadlineStatus.NotApplicable, deadlines["plan-review-long"].Status);
        Assert.Equal((D("2026-06-22"), "Forventet løslatelse 2026-07-06 − 2 uker (vindu fra − 4 uker)", DeadlineStatus.Upcoming), Due(deadlines["release-meeting"]));
        Assert.Equal(D("2026-06-08"), deadlines["release-meeting"].WindowStart);
        Assert.Equal((D("2026-07-13"), "Forventet løslatelse 2026-07-06 + 7 dager (med tilsyn)", DeadlineStatus.Upcoming), Due(deadlines["post-release-plan"]));
        Assert.Equal((D("2026-07-06"), "Forventet løslatelse 2026-07-06", DeadlineStatus.Upcoming), Due(deadlines["benefits-in-place"]));
        Assert.Equal(DeadlineStatus.NotApplicable, deadlines["coordinator-after-supervision"].Status);
        Assert.Equal("Gjelder ikke: koordinatoren har ikke vært fra friomsorgen", deadlines["coordinator-after-supervision"].Reason);
        Assert.Equal(DeadlineStatus.NotApplicable, deadlines["proposals"].Status);
        Assert.Equal("Venter på at behovssamtale del 1 blir registrert", deadlines["proposals"].Reason);
    }

    [Fact]
    public void Deadline_CarriesTitleSeverityResponsibleAgencyAndSource()
    {
        var deadline = Opened().Deadline("benefits-in-place");

        Assert.Equal("Ytelser på plass", deadline.Title);
        Assert.Equal(DeadlineSeverity.Must, deadline.Severity);
        Assert.Equal(Agency.Nav, deadline.ResponsibleAgency);
        Assert.StartsWith("000:1663-1709", deadline.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void NeedsConversation1_IsMissedTheDayAfterIntakePlus7Days_AndEscalatedToThePrison() =>
        AssertFiresOnceAfter(Opened(), "needs-conversation-1", D("2026-03-09"), Cast.Prison);

    [Fact]
    public void NeedsConversation1_IsMet_ByItsMilestone_AndThenNeverMissed()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-03-05"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, D("2026-03-04"), "Kartlagt bolig, arbeid og rus"));

        var deadline = scenario.Deadline("needs-conversation-1");
        scenario.AdvanceTo(D("2026-03-20"));

        Assert.Equal(DeadlineStatus.Met, deadline.Status);
        Assert.Equal(D("2026-03-04"), deadline.MetOn);
        Assert.Equal("Innkomst 2026-03-02 + 7 dager; oppfylt: behovssamtale del 1 registrert 2026-03-04", deadline.Reason);
        Assert.Empty(Missed(scenario.Tick(), "needs-conversation-1"));
    }

    [Fact]
    public void Proposals_CountFiveWorkingDaysFromTheNeedsConversation_AndAreAWarningNotEscalated()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-03-05"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, D("2026-03-05"), null));

        var deadline = scenario.Deadline("proposals");

        Assert.Equal((D("2026-03-12"), "Behovssamtale del 1 2026-03-05 + 5 arbeidsdager", DeadlineStatus.DueSoon), Due(deadline));
        Assert.Equal(DeadlineSeverity.Should, deadline.Severity);
        AssertFiresOnceAfter(scenario, "proposals", D("2026-03-12"));
    }

    [Fact]
    public void Proposals_SkipEasterWhenCountingWorkingDays()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-03-31"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, D("2026-03-31"), null));

        // Maundy Thursday 2 April, Good Friday 3 April and Easter Monday 6 April 2026 are not working days.
        Assert.Equal(D("2026-04-10"), scenario.Deadline("proposals").Due);
    }

    [Fact]
    public void Proposals_AreMet_ByAProposalFromAnAgencyMember_NotByThePerson()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, scenario.Today, null));
        scenario.AdvanceDays(1);
        scenario.Accepts(Cast.Person, new SubmitProposal("housing", "Jeg vil bo nær datteren min"));
        Assert.NotEqual(DeadlineStatus.Met, scenario.Deadline("proposals").Status);

        scenario.Accepts(Cast.Caseworker, new SubmitProposal("housing", "Søknad om kommunal bolig"));

        Assert.Equal(DeadlineStatus.Met, scenario.Deadline("proposals").Status);
        Assert.Equal(scenario.Today, scenario.Deadline("proposals").MetOn);
    }

    [Fact]
    public void IntakeConversation_IsMissedAfterIntakePlus4Weeks() =>
        AssertFiresOnceAfter(Opened(), "intake-conversation", D("2026-03-30"), Cast.Prison);

    [Fact]
    public void MunicipalityContacted_ForAShortSentence_IsMissedAfterIntakePlus4Weeks() =>
        AssertFiresOnceAfter(Opened(), "municipality-contacted-short", D("2026-03-30"), Cast.Prison);

    [Fact]
    public void MunicipalityContacted_ForALongSentence_IsDueAYearBeforeExpectedRelease()
    {
        var scenario = Opened(Long);

        var deadlines = scenario.Deadlines().ToDictionary(d => d.RuleId);

        Assert.Equal(DeadlineStatus.NotApplicable, deadlines["municipality-contacted-short"].Status);
        Assert.Equal("Gjelder ikke: straffen er over 1 år", deadlines["municipality-contacted-short"].Reason);
        Assert.Equal((D("2027-03-01"), "Forventet løslatelse 2028-03-01 − 12 måneder (straff over 1 år)", DeadlineStatus.Upcoming), Due(deadlines["municipality-contacted-long"]));
        AssertFiresOnceAfter(scenario, "municipality-contacted-long", D("2027-03-01"), Cast.Prison);
    }

    [Fact]
    public void MunicipalityContacted_IsMet_WhenAMunicipalCaseworkerJoinsTheGroup()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-03-10"));

        scenario.Join(Cast.Caseworker);

        var deadline = scenario.Deadline("municipality-contacted-short");
        Assert.Equal(DeadlineStatus.Met, deadline.Status);
        Assert.Equal(D("2026-03-10"), deadline.MetOn);
        Assert.EndsWith("oppfylt: medlem fra kommunen i ansvarsgruppen fra 2026-03-10", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FriomsorgEngaged_IsMissedAfterTheTwoThirdsDateMinus8Weeks() =>
        AssertFiresOnceAfter(Opened(), "friomsorg-engaged", D("2026-05-11"), Cast.Prison);

    [Fact]
    public void FriomsorgEngaged_IsMet_ByAFriomsorgMemberOrTheMilestone()
    {
        var byMember = Opened();
        byMember.Join(Cast.FriomsorgOfficer);
        var byMilestone = Opened();
        byMilestone.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.FriomsorgEngaged, byMilestone.Today, "Ringt friomsorgskontoret"));

        Assert.Equal(DeadlineStatus.Met, byMember.Deadline("friomsorg-engaged").Status);
        Assert.Equal(DeadlineStatus.Met, byMilestone.Deadline("friomsorg-engaged").Status);
    }

    [Fact]
    public void PlanReview_IsDueEvery3Months_CountingFromTheLastReview()
    {
        var scenario = Opened();
        AssertFiresOnceAfter(scenario, "plan-review-short", D("2026-06-02"), Cast.Prison);

        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.PlanReview, scenario.Today, null));

        var next = scenario.Deadline("plan-review-short");
        Assert.Equal(scenario.Today.AddMonths(3), next.Due);
        Assert.Equal(DeadlineStatus.Upcoming, next.Status);
        Assert.StartsWith($"Siste planevaluering {CaseTimeline.Day(scenario.Today)} + 3 måneder", next.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanReview_IsDueEvery6Months_WithMoreThanAYearLeft()
    {
        var scenario = Opened(Long);

        Assert.Equal(DeadlineStatus.NotApplicable, scenario.Deadline("plan-review-short").Status);
        Assert.Equal(D("2026-09-02"), scenario.Deadline("plan-review-long").Due);
        AssertFiresOnceAfter(scenario, "plan-review-long", D("2026-09-02"), Cast.Prison);
    }

    [Fact]
    public void ReleaseMeeting_IsMissedAfterExpectedReleaseMinus2Weeks() =>
        AssertFiresOnceAfter(Opened(), "release-meeting", D("2026-06-22"), Cast.Prison);

    [Fact]
    public void ReleaseMeeting_IsMet_ByAGroupMeetingInsideTheWindow_NotBeforeIt()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-06-05"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.GroupMeeting, scenario.Today, [new(Cast.Kontaktbetjent, Attendance.Physical)], "Vanlig møte"));
        Assert.Equal(DeadlineStatus.Upcoming, scenario.Deadline("release-meeting").Status);

        scenario.AdvanceTo(D("2026-06-10"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.GroupMeeting, scenario.Today, [new(Cast.Kontaktbetjent, Attendance.Physical)], "Løslatelsesmøte"));

        Assert.Equal(DeadlineStatus.Met, scenario.Deadline("release-meeting").Status);
        Assert.Equal(D("2026-06-10"), scenario.Deadline("release-meeting").MetOn);
    }

    [Fact]
    public void PostReleasePlan_IsDueAWeekAfterTheActualRelease_AndMissedByFriomsorg()
    {
        var scenario = Opened();
        scenario.Join(Cast.FriomsorgOfficer);
        scenario.ExceptAllCriticalAreas();
        scenario.AdvanceTo(D("2026-07-01"));
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));

        var deadline = scenario.Deadline("post-release-plan");

        Assert.Equal((D("2026-07-08"), "Løslatt 2026-07-01 + 7 dager (med tilsyn)", DeadlineStatus.DueSoon), Due(deadline));
        Assert.Equal(Agency.Friomsorg, deadline.ResponsibleAgency);
        AssertFiresOnceAfter(scenario, "post-release-plan", D("2026-07-08"), Cast.Friomsorg);
    }

    [Fact]
    public void PostReleasePlan_DoesNotApply_WithoutSupervision()
    {
        var scenario = Opened(Short with { EndOfSupervision = null });

        Assert.Equal(DeadlineStatus.NotApplicable, scenario.Deadline("post-release-plan").Status);
        Assert.Equal("Gjelder ikke: ingen tilsynsperiode registrert", scenario.Deadline("post-release-plan").Reason);
    }

    [Fact]
    public void BenefitsInPlace_IsDueOnReleaseDay_AndEscalatedToTheNavOfficeInTheGroup()
    {
        var scenario = Opened();
        scenario.Join(Cast.NavAdvisor);

        AssertFiresOnceAfter(scenario, "benefits-in-place", D("2026-07-06"), Cast.Nav);
    }

    [Fact]
    public void BenefitsInPlace_IsMet_WhenIncomeIsMet()
    {
        var scenario = Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        var need = scenario.Case.NeedAreas["income-debt"];

        scenario.Accepts(Cast.NavAdvisor, new UpdateNeedArea("income-debt", need.Version, need.OwnWords, "Sosialhjelp innvilget fra løslatelsesdagen", Contracts.Plan.NeedStatus.Met));

        Assert.Equal(DeadlineStatus.Met, scenario.Deadline("benefits-in-place").Status);
        Assert.Null(scenario.Deadline("benefits-in-place").MetOn);
    }

    [Fact]
    public void CoordinatorAfterSupervision_AppliesToAFriomsorgCoordinator_AndIsMetWhenTheMunicipalityTakesOver()
    {
        var scenario = Opened();
        scenario.Join(Cast.FriomsorgOfficer);
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(Responsibility.Coordinator, Cast.FriomsorgOfficer, "Overført til friomsorgen"));

        var deadline = scenario.Deadline("coordinator-after-supervision");
        Assert.Equal((D("2026-09-04"), "Slutt på tilsyn 2026-09-04 (koordinator fra friomsorgen)", DeadlineStatus.Upcoming), Due(deadline));
        Assert.Equal(Agency.Friomsorg, deadline.ResponsibleAgency);

        // The friomsorg officer hands the role to the municipal caseworker, with the overlap of a contact with the person.
        scenario.AdvanceTo(D("2026-08-20"));
        scenario.Accepts(Cast.FriomsorgOfficer, new OfferHandover(Responsibility.Coordinator, Cast.Municipality, Cast.Caseworker, scenario.Today, "Koordinator etter tilsynet"));
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));
        scenario.Accepts(Cast.Caseworker, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Caseworker, Attendance.Physical)], null));
        scenario.Accepts(Cast.Caseworker, new CompleteHandover(scenario.LastHandoverId));

        var met = scenario.Deadline("coordinator-after-supervision");
        Assert.Equal((DeadlineStatus.Met, D("2026-08-20")), (met.Status, met.MetOn));
    }

    [Fact]
    public void CoordinatorAfterSupervision_IsMissedAfterTheEndOfSupervision_ByTheFriomsorgOffice()
    {
        var scenario = Opened();
        scenario.Join(Cast.FriomsorgOfficer);
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(Responsibility.Coordinator, Cast.FriomsorgOfficer, "Overført til friomsorgen"));

        AssertFiresOnceAfter(scenario, "coordinator-after-supervision", D("2026-09-04"), Cast.Friomsorg);
    }

    [Fact]
    public void DeadlinesOutsideTheirPhases_AreNotApplicable_UnlessMet()
    {
        var scenario = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, scenario.Today, null));
        scenario.ExceptAllCriticalAreas();
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));

        Assert.Equal(DeadlineStatus.Met, scenario.Deadline("needs-conversation-1").Status);
        Assert.Equal(DeadlineStatus.NotApplicable, scenario.Deadline("intake-conversation").Status);
        Assert.EndsWith("gjelder ikke i fasen løslatt", scenario.Deadline("intake-conversation").Reason, StringComparison.Ordinal);
        Assert.Equal(DeadlineStatus.NotApplicable, scenario.Deadline("plan-review-short").Status);
    }

    private static (DateOnly? Due, string Reason, DeadlineStatus Status) Due(Deadline d) => (d.Due, d.Reason, d.Status);
}
