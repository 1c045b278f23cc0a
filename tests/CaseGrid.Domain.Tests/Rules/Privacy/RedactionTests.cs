using System.Collections.Immutable;
using System.Reflection;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using CaseGrid.Domain.Privacy;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Privacy;

/// <summary>
/// Nothing written in a health area reaches a reader without health access, through the case or its events; the
/// areas and their owners still show. Every text the sweep writes carries a marker, so a leak is found by searching.
/// </summary>
public sealed class RedactionTests
{
    private const string Health = "HELSE-MARKER-7F3";
    private const string Housing = "BOLIG-MARKER-2C9";
    private static readonly CaseRedactor Redactor = new(NeedAreaCatalogue.Default);

    /// <summary>Event types whose free text belongs to a need area (or the plan as a whole) and so is withheld.</summary>
    private static readonly HashSet<Type> AreaBound =
    [
        typeof(NeedIdentified), typeof(NeedAreaUpdated), typeof(GoalAdded), typeof(GoalUpdated), typeof(MeasureAdded), typeof(MeasureUpdated),
        typeof(MeasureStatusChanged), typeof(ProposalSubmitted), typeof(ProposalAnswered), typeof(HandoverOffered), typeof(HandoverDeclined),
        typeof(HandoverWithdrawn), typeof(ResponsibilityOverridden), typeof(EscalationRaised), typeof(ReleaseExceptionRecorded),
        typeof(DecisionRecorded), typeof(FirstDaysListCreated), typeof(FirstDaysItemUpdated), typeof(MinutesEdited), typeof(AgreementRecorded),
        typeof(EncounterRecorded), typeof(MeetingGuestAdded), typeof(MeetingClosed), typeof(ApplicationStepRecorded), typeof(InformationRequested),
    ];

    /// <summary>Event types whose text is about the case, not a need area: titles, dates, notes on milestones, consent notes.</summary>
    private static readonly HashSet<Type> NotAreaBound =
    [
        typeof(CaseOpened), typeof(MeetingScheduled), typeof(MeetingCancelled), typeof(MilestoneRecorded), typeof(ConsentRecorded), typeof(ConsentWithdrawn),
        typeof(MeetingInvitationSent), typeof(SharingLimited),
    ];

    /// <summary>A case where every text-bearing step happens in a health area (and, for contrast, in housing).</summary>
    private static CaseScenario Sweep()
    {
        var s = ConsentTests.WithGroup();
        var hw = ConsentTests.HealthWorker;
        s.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], null));
        s.Accepts(Cast.Kontaktbetjent, new IdentifyNeed("mental-health", hw, $"{Health} own words", $"{Health} assessment"));
        s.Accepts(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, $"{Housing} own words", null));
        s.Accepts(hw, new UpdateNeedArea("mental-health", s.Case.NeedAreas["mental-health"].Version, $"{Health} words 2", $"{Health} assessment 2", NeedStatus.InProgress));
        s.Accepts(hw, new AddGoal("mental-health", $"{Health} goal"));
        var goal = s.Case.Goals.Values.Single(g => g.NeedCode == "mental-health");
        s.Accepts(hw, new UpdateGoal(goal.GoalId, goal.Version, $"{Health} goal 2", false));
        s.Accepts(hw, new AddMeasure(["mental-health"], $"{Health} measure", $"{Health} why", hw, null, $"{Health} requirements"));
        var measure = s.LastMeasureId;
        s.Accepts(hw, new UpdateMeasure(measure, s.Case.Measures[measure].Version, ["mental-health"], $"{Health} measure 2", null, hw, null, null));
        s.Accepts(hw, new ChangeMeasureStatus(measure, s.Case.Measures[measure].Version, MeasureStatus.Cancelled, $"{Health} status note"));
        s.Accepts(Cast.Person, new SubmitProposal("mental-health", $"{Health} proposal"));
        s.Accepts(hw, new AnswerProposal(s.Case.Proposals.Keys.Single(), false, $"{Health} answer", null, null));
        s.Accepts(hw, new OfferHandover("mental-health", Cast.Municipality, null, s.Today.AddDays(7), $"{Health} handover note"));
        s.Accepts(Cast.Caseworker, new DeclineHandover(s.LastHandoverId, $"{Health} decline reason"));
        s.Accepts(hw, new OfferHandover("mental-health", Cast.Municipality, null, s.Today.AddDays(7), $"{Health} note again"));
        s.Accepts(hw, new WithdrawHandover(s.LastHandoverId, $"{Health} withdraw reason"));
        s.Accepts(Cast.Kontaktbetjent, new RecordReleaseException("mental-health", $"{Health} exception reason"));
        s.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(s.Now.AddHours(1), "Ansvarsgruppemøte"));
        var meeting = s.Case.Meetings.Keys.Single();
        s.Accepts(Cast.Kontaktbetjent, new OpenMeeting(meeting));
        s.Accepts(Cast.Kontaktbetjent, new RecordDecision(meeting, $"{Health} decision", ["mental-health"], hw, s.Today.AddDays(14)));
        return s;
    }

    private static string Json<T>(T value) => StateJson.Serialize(value);

    [Fact]
    public void TheSweep_WritesItsMarkers_SoTheLeakChecksBelowCanFail()
    {
        var s = Sweep();

        Assert.Contains(Health, Json(s.Case), StringComparison.Ordinal);
        Assert.Contains(Health, Json(Redactor.Redact(s.Log, s.Case, DetailAccess.Full)), StringComparison.Ordinal);
        Assert.Same(s.Case, Redactor.Redact(s.Case, DetailAccess.Full));
    }

    [Fact]
    public void HealthWithheld_NoHealthTextInTheCaseOrItsEvents_ButTheAreaAndItsOwnerShow()
    {
        var s = Sweep();

        var state = Redactor.Redact(s.Case, DetailAccess.HealthWithheld);
        var events = Redactor.Redact(s.Log, s.Case, DetailAccess.HealthWithheld);

        Assert.DoesNotContain(Health, Json(state), StringComparison.Ordinal);
        Assert.DoesNotContain(Health, Json(events), StringComparison.Ordinal);
        Assert.Contains(Housing, Json(state), StringComparison.Ordinal);
        Assert.Contains(Housing, Json(events), StringComparison.Ordinal);
        Assert.Equal(ConsentTests.HealthWorker, state.NeedAreas["mental-health"].AccountableOwnerId);
        Assert.Equal(NeedStatus.InProgress, state.NeedAreas["mental-health"].Status);
        Assert.Contains("mental-health", state.WithheldAreas);
        Assert.DoesNotContain("housing", state.WithheldAreas);
        Assert.Equal(CaseRedactor.Withheld, state.Measures[s.LastMeasureId].What);
        Assert.Equal(s.Log.Count, events.Length);
        Assert.Equal(s.Log.Select(r => (r.Version, r.Event.GetType())), events.Select(r => (r.Version, r.Event.GetType())));
    }

    [Fact]
    public void DetailsWithheld_NoAreaTextAtAll()
    {
        var s = Sweep();
        s.Accepts(Cast.Kontaktbetjent, new EditMinutes(s.Case.Meetings.Keys.Single(), s.Case.Meetings.Values.Single().MinutesVersion, $"{Housing} minutes"));

        var state = Redactor.Redact(s.Case, DetailAccess.DetailsWithheld);
        var events = Redactor.Redact(s.Log, s.Case, DetailAccess.DetailsWithheld);

        foreach (var marker in new[] { Health, Housing })
        {
            Assert.DoesNotContain(marker, Json(state), StringComparison.Ordinal);
            Assert.DoesNotContain(marker, Json(events), StringComparison.Ordinal);
        }

        Assert.Equal(Cast.Caseworker, state.NeedAreas["housing"].AccountableOwnerId);
    }

    [Fact]
    public void EveryEventWithFreeText_IsClassified_SoANewOneCannotSlipPastTheRedactor()
    {
        var withText = typeof(CaseEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract)
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(CarriesText));

        var unclassified = withText.Where(t => !AreaBound.Contains(t) && !NotAreaBound.Contains(t)).Select(t => t.Name).ToList();

        Assert.True(unclassified.Count == 0, $"Classify these events for CaseRedactor: {string.Join(", ", unclassified)}");
    }

    [Fact]
    public void EventsNotInTheSweep_AreWithheldToo()
    {
        var s = Sweep();
        var hw = ConsentTests.HealthWorker;
        CaseEventRecord Rec(CaseEvent e) => new(s.Case.CaseId, 999, hw, null, s.Now, e);
        var events = new CaseEvent[]
        {
            new ResponsibilityOverridden("mental-health", hw, Cast.NavAdvisor, $"{Health} override"),
            new EscalationRaised("e1", "mental-health", $"{Health} escalation", null),
            new FirstDaysListCreated([new FirstDaysItem("medication", $"Medisiner og resepter. {Health}", false, $"{Health} note", null, 0)]),
            new FirstDaysItemUpdated("medication", true, $"{Health} item note"),
        };

        var redacted = events.Select(e => Redactor.Redact(Rec(e), s.Case, DetailAccess.HealthWithheld)).ToList();

        Assert.DoesNotContain(Health, Json(redacted), StringComparison.Ordinal);
        Assert.Contains("Medisiner og resepter.", Json(redacted), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOwner_SeesTheAreaTheyOwn_EvenWhereTheirLevelWithholdsIt()
    {
        var s = Sweep();
        s.Accepts(ConsentTests.HealthWorker, new AddSupportingOwner("mental-health", Cast.NavAdvisor));
        s.Accepts(Cast.Kontaktbetjent, new WithdrawConsent([ConsentScope.PlanSharing], null));

        // Without plan sharing the caseworker sees no area's details but housing, which they own; the health worker
        // sees mental-health, which they own; the NAV advisor, a supporting owner of mental-health, sees it too.
        var caseworker = Redactor.For(s.Case, Cast.Caseworker, DetailAccess.DetailsWithheld);
        var health = Redactor.For(s.Case, ConsentTests.HealthWorker, DetailAccess.DetailsWithheld);
        var nav = Redactor.For(s.Case, Cast.NavAdvisor, DetailAccess.DetailsWithheld);

        Assert.Contains(Housing, Json(Redactor.Redact(s.Case, caseworker)), StringComparison.Ordinal);
        Assert.DoesNotContain(Health, Json(Redactor.Redact(s.Case, caseworker)), StringComparison.Ordinal);
        Assert.Contains(Health, Json(Redactor.Redact(s.Log, s.Case, health)), StringComparison.Ordinal);
        Assert.DoesNotContain(Housing, Json(Redactor.Redact(s.Log, s.Case, health)), StringComparison.Ordinal);
        Assert.Contains(Health, Json(Redactor.Redact(s.Case, nav)), StringComparison.Ordinal);
        Assert.Equal(["housing"], Redactor.Redact(s.Case, health).WithheldAreas.Where(a => a is "mental-health" or "housing"));
    }

    private static bool CarriesText(PropertyInfo p) =>
        (p.PropertyType == typeof(string) || p.PropertyType == typeof(Contracts.Groups.Encounter) || p.PropertyType == typeof(ImmutableArray<FirstDaysItem>))
        && p.Name is not ("CaseId" or "GroupId" or "UnitId" or "PreviousUnitId" or "UserId" or "DeputyUserId" or "OwnerId" or "GoalId" or "MeasureId"
            or "ProposalId" or "AuthorId" or "NeedCode" or "Code" or "HandoverId" or "Subject" or "FromUserId" or "ToUnitId" or "ToUserId"
            or "AcceptedById" or "NewOwnerId" or "EncounterId" or "EscalationId" or "MeetingId" or "DecisionId" or "RuleId" or "RuleSetVersion"
            or "ItemId");
}
