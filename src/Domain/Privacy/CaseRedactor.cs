using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Privacy;

/// <summary>
/// Withholds need-area details from a case, or from its events, for a reader with less than full access (domain §9):
/// the areas, their status and their owners stay; what is written in them goes. Pure. Events are read against the case
/// as it stands, so a goal, measure, proposal or handover is withheld by the area it belongs to.
/// </summary>
public sealed class CaseRedactor(NeedAreaCatalogue catalogue)
{
    /// <summary>What a withheld text reads.</summary>
    public const string Withheld = "[skjermet]";

    /// <summary>The first-days lines that speak of a need area: where the person sleeps, money, medication.</summary>
    private static readonly ImmutableDictionary<string, string> FirstDaysAreas = new Dictionary<string, string>
    {
        ["sleep"] = "housing",
        ["money"] = "income-debt",
        ["medication"] = "physical-health",
    }.ToImmutableDictionary();

    /// <summary>True when the details of area <paramref name="code"/> are withheld at <paramref name="level"/>, whoever reads; null stands for the plan in general.</summary>
    public bool IsWithheldAt(string? code, DetailAccess level) => level switch
    {
        DetailAccess.Full => false,
        DetailAccess.HealthWithheld => code is not null && (catalogue.Find(code)?.HealthSensitive ?? false),
        _ => true,
    };

    /// <summary>True when the details of area <paramref name="code"/> are withheld from a reader with <paramref name="access"/>.</summary>
    public bool IsWithheld(string? code, Withholding access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return IsWithheldAt(code, access.Level) && (code is null || !access.Owned.Contains(code));
    }

    /// <summary>
    /// What <paramref name="level"/> withholds from <paramref name="userId"/> on <paramref name="state"/>: the level, less the areas the
    /// user owns (accountable or supporting).
    /// </summary>
    public Withholding For(CaseState state, string userId, DetailAccess level)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (level == DetailAccess.Full)
        {
            return Withholding.None;
        }

        // Worked out for every reader of every edit: nothing is allocated for a reader who owns no withheld area.
        ImmutableSortedSet<string>.Builder? owned = null;
        foreach (var (_, n) in state.NeedAreas)
        {
            if ((n.AccountableOwnerId == userId || n.SupportingOwnerIds.Contains(userId)) && IsWithheldAt(n.Code, level))
            {
                (owned ??= ImmutableSortedSet.CreateBuilder<string>()).Add(n.Code);
            }
        }

        return owned is null ? level : new Withholding(level, owned.ToImmutable());
    }

    /// <summary>The case as a reader with <paramref name="access"/> sees it.</summary>
    public CaseState Redact(CaseState state, Withholding access)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(access);
        if (access.IsNone)
        {
            return state;
        }

        bool Hidden(string? code) => IsWithheld(code, access);
        var all = access.Level == DetailAccess.DetailsWithheld;
        return state with
        {
            NeedAreas = state.NeedAreas.ToImmutableDictionary(p => p.Key, p => Hidden(p.Key) ? p.Value with { OwnWords = null, Assessment = null } : p.Value),
            Goals = state.Goals.ToImmutableDictionary(p => p.Key, p => Hidden(p.Value.NeedCode) ? p.Value with { Text = Withheld } : p.Value),
            Measures = state.Measures.ToImmutableDictionary(p => p.Key, p => MeasureHidden(state, p.Key, access)
                ? p.Value with { What = Withheld, Why = null, Requirements = null, StatusNote = null, Application = Hide(p.Value.Application) }
                : p.Value),
            Proposals = state.Proposals.ToImmutableDictionary(p => p.Key, p => Hidden(p.Value.NeedCode)
                ? p.Value with { Text = Withheld, Answer = p.Value.Answer is null ? null : Withheld }
                : p.Value),
            Handovers = state.Handovers.ToImmutableDictionary(p => p.Key, p => Hidden(p.Value.Subject)
                ? p.Value with { Note = null, Reason = p.Value.Reason is null ? null : Withheld }
                : p.Value),
            Escalations = [.. state.Escalations.Select(e => Hidden(e.Subject) ? e with { Reason = Withheld, ResolutionNote = e.ResolutionNote is null ? null : Withheld } : e)],
            ReleaseExceptions = [.. state.ReleaseExceptions.Select(e => Hidden(e.Code) ? e with { Reason = Withheld } : e)],
            Meetings = state.Meetings.ToImmutableDictionary(p => p.Key, p => p.Value with
            {
                Title = all ? Withheld : p.Value.Title,
                CancelReason = all && p.Value.CancelReason is not null ? Withheld : p.Value.CancelReason,
                Minutes = all ? null : p.Value.Minutes,
                Guests = all && !p.Value.Guests.IsDefault ? [.. p.Value.Guests.Select(g => g with { Name = Withheld })] : p.Value.Guests,
                NoNextMeetingReason = all ? null : p.Value.NoNextMeetingReason,
                Decisions = [.. p.Value.Decisions.Select(d => MeasureHidden(state, d.MeasureId, access) ? d with { Text = Withheld } : d)],
            }),
            Agreements = all ? [.. state.Agreements.Select(a => a with { Comment = null })] : state.Agreements,
            Encounters = all ? [.. state.Encounters.Select(e => e with { Summary = null })] : state.Encounters,
            Milestones = all ? [.. state.Milestones.Select(m => m with { Note = null })] : state.Milestones,
            Consent = all ? state.Consent with { Note = null } : state.Consent,
            PrivacyRequests = all ? state.PrivacyRequests.ToImmutableDictionary(p => p.Key, p => p.Value with { Note = null }) : state.PrivacyRequests,
            FirstDays = [.. state.FirstDays.Select(i => FirstDays(i, access))],
            WithheldAreas = [.. state.NeedAreas.Keys.Where(Hidden).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>The events as a reader with <paramref name="access"/> sees them, read against <paramref name="state"/> (the case now).</summary>
    public ImmutableArray<CaseEventRecord> Redact(IEnumerable<CaseEventRecord> records, CaseState state, Withholding access)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(access);
        return access.IsNone ? [.. records] : [.. records.Select(r => Redact(r, state, access))];
    }

    /// <summary>One event as a reader with <paramref name="access"/> sees it; the same instance when nothing is withheld.</summary>
    public CaseEventRecord Redact(CaseEventRecord record, CaseState state, Withholding access)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(access);
        if (access.IsNone)
        {
            return record;
        }

        bool Hidden(string? code) => IsWithheld(code, access);
        bool HiddenMeasure(string id, IEnumerable<string> codes) => MeasureHidden(state, id, access) || codes.Any(c => Hidden(c));
        var all = access.Level == DetailAccess.DetailsWithheld;
        CaseEvent? redacted = record.Event switch
        {
            NeedIdentified e when Hidden(e.Code) => e with { OwnWords = null, Assessment = null },
            NeedAreaUpdated e when Hidden(e.Code) => e with { OwnWords = null, Assessment = null },
            GoalAdded e when Hidden(e.NeedCode) => e with { Text = Withheld },
            GoalUpdated e when all || Hidden(state.Goals.GetValueOrDefault(e.GoalId)?.NeedCode) => e with { Text = Withheld },
            MeasureAdded e when HiddenMeasure(e.MeasureId, e.NeedCodes) => e with { What = Withheld, Why = null, Requirements = null },
            MeasureUpdated e when HiddenMeasure(e.MeasureId, e.NeedCodes) => e with { What = Withheld, Why = null, Requirements = null },
            MeasureStatusChanged e when e.Note is not null && HiddenMeasure(e.MeasureId, []) => e with { Note = null },
            ProposalSubmitted e when Hidden(e.NeedCode) => e with { Text = Withheld },
            ProposalAnswered e when all || Hidden(state.Proposals.GetValueOrDefault(e.ProposalId)?.NeedCode) => e with { Answer = Withheld },
            HandoverOffered e when Hidden(e.Subject) => e with { Note = null },
            HandoverDeclined e when Hidden(SubjectOf(state, e.HandoverId)) => e with { Reason = Withheld },
            HandoverWithdrawn e when Hidden(SubjectOf(state, e.HandoverId)) => e with { Reason = Withheld },
            ResponsibilityOverridden e when Hidden(e.Subject) => e with { Reason = Withheld },
            EscalationRaised e when Hidden(e.Subject) => e with { Reason = Withheld },
            EscalationResolved e when Hidden(state.Escalations.FirstOrDefault(x => x.EscalationId == e.EscalationId)?.Subject) => e with { Note = Withheld },
            ReleaseExceptionRecorded e when Hidden(e.Code) => e with { Reason = Withheld },
            DecisionRecorded e when MeasureHidden(state, e.MeasureId, access) => e with { Text = Withheld },
            MinutesEdited e when all => e with { Text = null },
            MeetingGuestAdded e when all => e with { Name = Withheld },
            MeetingClosed e when all && e.NoNextMeetingReason is not null => e with { NoNextMeetingReason = null },
            ApplicationStepRecorded e when HiddenMeasure(e.MeasureId, []) => e with { Partner = null, Note = null },
            AgreementRecorded e when all => e with { Comment = null },
            InformationRequested e when all || e.From == Contracts.Groups.Agency.Health => e with { What = Withheld },
            EncounterRecorded e when all => e with { Encounter = e.Encounter with { Summary = null } },
            FirstDaysListCreated e => e with { Items = [.. e.Items.Select(i => FirstDays(i, access))] },
            FirstDaysItemUpdated e when all || FirstDaysHidden(e.ItemId, access) => e with { Note = null },
            MeetingScheduled e when all => e with { Title = Withheld },
            MeetingCancelled e when all => e with { Reason = Withheld },
            MilestoneRecorded e when all => e with { Note = null },
            ConsentRecorded e when all => e with { Note = null },
            ConsentWithdrawn e when all => e with { Note = null },
            SharingLimited e when all => e with { Note = null },
            ConsentRequested e when all => e with { Note = null },
            PrivacyRequestRejected e when all => e with { Note = null },
            _ => null,
        };
        return redacted is null ? record : record with { Event = redacted };
    }

    /// <summary>An application with its partner and notes withheld: the kind and the dates stay.</summary>
    private static Contracts.Plan.Application? Hide(Contracts.Plan.Application? application) =>
        application is null ? null : application with { Partner = null, Entries = [.. application.Entries.Select(e => e with { Note = null })] };

    private bool MeasureHidden(CaseState state, string measureId, Withholding access) =>
        state.Measures.GetValueOrDefault(measureId) is { } measure
            ? measure.NeedCodes.Any(c => IsWithheld(c, access))
            : access.Level == DetailAccess.DetailsWithheld;

    private bool FirstDaysHidden(string itemId, Withholding access) =>
        FirstDaysAreas.TryGetValue(itemId, out var code) && IsWithheld(code, access);

    /// <summary>A first-days line: its note goes when details are withheld; a line about a withheld area keeps only what it is about.</summary>
    private FirstDaysItem FirstDays(FirstDaysItem item, Withholding access) =>
        FirstDaysHidden(item.ItemId, access) ? item with { Text = FirstDaysLabel(item.Text), Note = null }
        : access.Level == DetailAccess.DetailsWithheld && item.Note is not null ? item with { Note = null }
        : item;

    private static string? SubjectOf(CaseState state, string handoverId) => state.Handovers.GetValueOrDefault(handoverId)?.Subject;

    /// <summary>A first-days line keeps what it is about (the text before the first full stop), not what the plan holds for it.</summary>
    private static string FirstDaysLabel(string text) =>
        text.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? $"{text[..(end + 1)]} {Withheld}" : Withheld;
}
