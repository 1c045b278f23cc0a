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

    /// <summary>
    /// Every text field of the case and its events that holds what someone wrote about the person: withheld from a reader
    /// with details withheld (and, where it belongs to a health area, from readers without health access). Named as
    /// <c>Type.Property</c>; the guard below fails for a text field that is in none of these lists.
    /// </summary>
    private static readonly HashSet<string> WithheldText =
    [
        "NeedIdentified.OwnWords", "NeedIdentified.Assessment", "NeedAreaUpdated.OwnWords", "NeedAreaUpdated.Assessment",
        "NeedArea.OwnWords", "NeedArea.Assessment", "GoalAdded.Text", "GoalUpdated.Text", "Goal.Text",
        "MeasureAdded.What", "MeasureAdded.Why", "MeasureAdded.Requirements", "MeasureUpdated.What", "MeasureUpdated.Why",
        "MeasureUpdated.Requirements", "Measure.What", "Measure.Why", "Measure.Requirements", "Measure.StatusNote",
        "MeasureStatusChanged.Note", "ProposalSubmitted.Text", "ProposalAnswered.Answer", "Proposal.Text", "Proposal.Answer",
        "HandoverOffered.Note", "HandoverDeclined.Reason", "HandoverWithdrawn.Reason", "Handover.Note", "Handover.Reason",
        "ResponsibilityOverridden.Reason", "EscalationRaised.Reason", "Escalation.Reason", "ReleaseExceptionRecorded.Reason",
        "ReleaseException.Reason", "DecisionRecorded.Text", "MeetingDecision.Text", "MinutesEdited.Text", "Meeting.Minutes",
        "AgreementRecorded.Comment", "Agreement.Comment", "Encounter.Summary", "FirstDaysItem.Text", "FirstDaysItem.Note",
        "FirstDaysItemUpdated.Note", "MeetingScheduled.Title", "Meeting.Title", "MeetingCancelled.Reason", "Meeting.CancelReason",
        "MilestoneRecorded.Note", "Milestone.Note", "ConsentRecorded.Note", "ConsentWithdrawn.Note", "Consent.Note",
        "ConsentRequested.Note", "PrivacyRequest.Note", "PrivacyRequestRejected.Note",
        "Application.Partner", "ApplicationEntry.Note", "ApplicationStepRecorded.Note", "ApplicationStepRecorded.Partner",
        "InformationRequested.What", "Meeting.NoNextMeetingReason", "MeetingClosed.NoNextMeetingReason", "MeetingGuest.Name",
        "MeetingGuestAdded.Name", "SharingLimited.Note",
        "EscalationResolved.Note", "Escalation.ResolutionNote",
    ];

    /// <summary>
    /// Text fields every member sees: people's names (members see who is in the group and whom the case is about), and where
    /// a meeting is held and its video link (every invitee needs them to take part).
    /// </summary>
    private static readonly HashSet<string> ShownText =
    [
        "PersonRef.DisplayName", "GroupMember.DisplayName", "Meeting.Place", "Meeting.VideoLink", "MeetingInvitationSent.Place",
        "MeetingInvitationSent.VideoLink", "MeetingScheduled.Place", "MeetingScheduled.VideoLink",
    ];

    /// <summary>Text fields that are ids, codes or versions, never anything written about the person.</summary>
    private static readonly HashSet<string> IdNames =
    [
        "CaseId", "GroupId", "UnitId", "PreviousUnitId", "CurrentUnitId", "RegisteredUnitId", "IntendedUnitId", "UserId", "DeputyUserId",
        "OwnerId", "AccountableOwnerId", "GoalId", "MeasureId", "ProposalId", "AuthorId", "NeedCode", "Code", "HandoverId", "Subject",
        "FromUserId", "ToUnitId", "ToUserId", "AcceptedById", "NewOwnerId", "EncounterId", "EscalationId", "MeetingId", "DecisionId",
        "RuleId", "RuleSetVersion", "ItemId", "PseudonymId", "CoordinatorId", "RecordedById", "UpdatedById", "AnsweredById",
        "CreatedById", "OfferedById", "DecidedById", "ActorId", "ClientId", "ById", "RequestId", "CalledById", "ChairId",
        "MinutesApprovedById", "GuestId", "AnswerRuleSetVersion", "ResolvedById",
    ];

    /// <summary>A case where every text-bearing step happens in a health area (and, for contrast, in housing).</summary>
    private static CaseScenario Sweep()
    {
        var s = ConsentTests.WithGroup();
        var hw = ConsentTests.HealthWorker;
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
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
        s.Accepts(Cast.PrisonLeader, new ResolveEscalation(s.Case.Escalations.Single().EscalationId, $"{Health} resolution note"));
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
    public void EveryTextField_OfTheCaseAndItsEvents_IsClassified_SoANewOneCannotSlipPastTheRedactor()
    {
        var roots = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract).Append(typeof(CaseState));

        var fields = roots.SelectMany(t => TextFields(t, [])).ToList();
        var unclassified = fields
            .Where(f => !WithheldText.Contains(f) && !ShownText.Contains(f) && !IdNames.Contains(f[(f.IndexOf('.', StringComparison.Ordinal) + 1)..]))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        // The walk reaches text inside records, lists and dictionaries, not only the events' own properties.
        Assert.Contains("Milestone.Note", fields);
        Assert.Contains("Encounter.Summary", fields);
        Assert.Contains("FirstDaysItem.Note", fields);
        Assert.True(unclassified.Count == 0, $"Classify these text fields for CaseRedactor (withheld, shown, or ids): {string.Join(", ", unclassified)}");
    }

    [Fact]
    public void DetailsWithheld_NoFreeTextAboutTheCaseEither_MilestoneNotes_MeetingTitlesAndCancellations_ConsentNotes_FirstDaysNotes()
    {
        var s = Sweep();
        var meeting = s.Case.Meetings.Keys.Single();
        s.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(s.Now.AddDays(3), $"{Housing} second meeting"));
        var second = s.Case.Meetings.Keys.Single(k => k != meeting);
        s.Accepts(Cast.Kontaktbetjent, new CancelMeeting(second, $"{Housing} cancel reason"));
        s.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, s.Today, $"{Housing} milestone note"));
        s.Accepts(Cast.Person, new WithdrawConsent([ConsentScope.PlanSharing], $"{Housing} consent note"));
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], $"{Housing} consent note again"));
        var rejected = ((ConsentRequested)s.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PartnerSystems], $"{Housing} request note")).Single()).RequestId;
        s.Accepts(Cast.Person, new RejectPrivacyRequest(rejected, $"{Housing} reject note"));
        s.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PartnerSystems], $"{Housing} waiting request note"));
        var events = s.Log.Select(r => Redactor.Redact(r, s.Case, DetailAccess.DetailsWithheld)).ToList();
        var state = Redactor.Redact(s.Case, DetailAccess.DetailsWithheld);

        Assert.Contains(Housing, Json(s.Case), StringComparison.Ordinal);
        Assert.DoesNotContain(Housing, Json(state), StringComparison.Ordinal);
        Assert.DoesNotContain(Housing, Json(events), StringComparison.Ordinal);
        Assert.DoesNotContain("Ansvarsgruppemøte", Json(state), StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Cancelled, state.Meetings[second].Status);

        // Health withheld keeps what concerns the case as a whole.
        Assert.Contains($"{Housing} milestone note", Json(Redactor.Redact(s.Case, DetailAccess.HealthWithheld)), StringComparison.Ordinal);
    }

    [Fact]
    public void DetailsWithheld_FirstDaysNotes_AreWithheldOnEveryLine()
    {
        var s = Sweep();
        var list = FirstDaysList.Build(s.Case, NeedAreaCatalogue.Default);
        CaseEventRecord Rec(CaseEvent e) => new(s.Case.CaseId, 999, Cast.Kontaktbetjent, null, s.Now, e);

        var created = Redactor.Redact(Rec(new FirstDaysListCreated([.. list.Select(i => i with { Note = $"{Housing} {i.ItemId}" })])), s.Case, DetailAccess.DetailsWithheld);
        var updated = Redactor.Redact(Rec(new FirstDaysItemUpdated("meets", true, $"{Housing} meets note")), s.Case, DetailAccess.DetailsWithheld);

        Assert.DoesNotContain(Housing, Json(created), StringComparison.Ordinal);
        Assert.DoesNotContain(Housing, Json(updated), StringComparison.Ordinal);
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

    /// <summary>Every string property reachable from <paramref name="type"/> (through records, lists and dictionaries of CaseGrid's contracts), as <c>Type.Property</c>.</summary>
    private static IEnumerable<string> TextFields(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }

        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (p.PropertyType == typeof(string))
            {
                yield return $"{type.Name}.{p.Name}";
                continue;
            }

            foreach (var inner in ContractTypesIn(p.PropertyType))
            {
                foreach (var field in TextFields(inner, seen))
                {
                    yield return field;
                }
            }
        }
    }

    /// <summary>The contract types a property holds: itself, or its elements and values.</summary>
    private static IEnumerable<Type> ContractTypesIn(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(ContractTypesIn)
        : t.Namespace?.StartsWith("CaseGrid.Contracts", StringComparison.Ordinal) == true && !t.IsEnum ? [t]
        : [];
}
