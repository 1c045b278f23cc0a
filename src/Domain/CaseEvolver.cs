using System.Collections.Concurrent;
using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain;

/// <summary>
/// Folds a case's events into its state. Applying never validates: the events are facts already decided,
/// so replaying the log always gives back the state that was acknowledged.
/// </summary>
public static class CaseEvolver
{
    /// <summary>
    /// The version of the fold: bump it whenever this fold or <see cref="CaseState"/> changes meaning or shape (a field
    /// added, an event applied differently). Case snapshots record it, and one made by another fold is never resumed
    /// from: the case is folded from its log instead.
    /// </summary>
    public const int FoldVersion = 1;

    /// <summary>Replay events into a state (null when there are none).</summary>
    public static CaseState? Replay(IEnumerable<CaseEventRecord> records, CaseState? from = null) =>
        records.Aggregate(from, Apply);

    /// <summary>The state after <paramref name="record"/>.</summary>
    public static CaseState Apply(CaseState? state, CaseEventRecord record)
    {
        if (record.Event is CaseOpened opened)
        {
            return Open(opened, record);
        }

        var s = state ?? throw new InvalidOperationException($"Event {record.Version} of case {record.CaseId} precedes its opening.");
        var v = record.Version;
        s = Evolve(s, record.Event, v, record.OccurredAt, record.ActorId);
        return Active(s, record.ActorId, record.OccurredAt) with { Version = v, UpdatedAt = record.OccurredAt };
    }

    /// <summary>
    /// The need areas a case opens with: every one not assessed. Cases open with the catalogue's codes, so the map (and
    /// each area in it) is made once per set of codes and shared; an area a case changes is replaced in that case's own
    /// map, and the areas it never touches stay shared (ten records and their tree's nodes, about 1.4 kB, were made again
    /// for every case).
    /// </summary>
    private static ImmutableDictionary<string, NeedArea> OpeningNeedAreas(IEnumerable<string> codes, long version)
    {
        var key = (string.Join('\u001f', codes.Order(StringComparer.Ordinal)), version);
        if (OpeningAreas.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var areas = codes.ToImmutableDictionary(c => c, c => new NeedArea(c, NeedStatus.NotAssessed, null, null, null, [], version));
        // Bounded: the sets in use are the catalogue's, which changes rarely; any others are made per case.
        return OpeningAreas.Count < MaxOpeningAreaSets ? OpeningAreas.GetOrAdd(key, areas) : areas;
    }

    /// <summary>
    /// <paramref name="state"/> with every need area that is still as the case opened it replaced by the shared one, as a
    /// fold from the opening has it: for a state read back from a snapshot, whose areas are each read as new objects.
    /// </summary>
    public static CaseState ShareOpeningAreas(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NeedAreas.IsEmpty)
        {
            return state;
        }

        var opening = OpeningNeedAreas(state.NeedAreas.Keys, OpeningVersion);
        var changed = state.NeedAreas.Where(a => !IsAsOpened(a.Value, opening)).ToList();
        return changed.Count == state.NeedAreas.Count ? state : state with { NeedAreas = opening.SetItems(changed) };
    }

    private static bool IsAsOpened(NeedArea area, ImmutableDictionary<string, NeedArea> opening) =>
        opening.TryGetValue(area.Code, out var opened)
        && area.Status == opened.Status && area.OwnWords is null && area.Assessment is null && area.AccountableOwnerId is null
        && area.SupportingOwnerIds.IsDefaultOrEmpty && area.Version == opened.Version;

    /// <summary>The version of a case's opening event, its first.</summary>
    private const long OpeningVersion = 1;

    private const int MaxOpeningAreaSets = 64;

    private static readonly ConcurrentDictionary<(string Codes, long Version), ImmutableDictionary<string, NeedArea>> OpeningAreas = new();

    /// <summary>Every event its actor makes counts as their activity (orphan detection); the clock is no one.</summary>
    private static CaseState Active(CaseState s, string? userId, DateTimeOffset at) =>
        string.IsNullOrEmpty(userId) || userId == TimeRules.SystemActorId || s.LastActivity.GetValueOrDefault(userId) >= at
            ? s
            : s with { LastActivity = s.LastActivity.SetItem(userId, at) };

    private static CaseState Open(CaseOpened e, CaseEventRecord r) => new(
        e.CaseId,
        e.GroupId,
        e.Person,
        e.Phase,
        e.UnitId,
        e.Home,
        e.Dates,
        r.Version,
        e.Creator.UserId,
        ImmutableDictionary<string, GroupMember>.Empty.Add(e.Creator.UserId, e.Creator with { Version = r.Version }),
        OpeningNeedAreas(e.NeedCodes, r.Version),
        ImmutableDictionary<string, Goal>.Empty,
        ImmutableDictionary<string, Measure>.Empty,
        ImmutableDictionary<string, Proposal>.Empty,
        [],
        ImmutableDictionary<string, Handover>.Empty,
        [],
        [],
        r.OccurredAt,
        r.OccurredAt,
        r.Version,
        ImmutableDictionary<string, Meeting>.Empty,
        [],
        null,
        ImmutableDictionary<string, DateTimeOffset>.Empty.Add(e.Creator.UserId, r.OccurredAt),
        ImmutableDictionary<string, DateAcknowledgement>.Empty.Add(e.Creator.UserId, new DateAcknowledgement(e.Creator.UserId, e.Creator.UnitId, r.Version, r.OccurredAt)),
        [],
        ImmutableDictionary<string, DateTimeOffset>.Empty,
        ImmutableDictionary<string, DateTimeOffset>.Empty,
        [],
        [],
        Consent.None,
        ImmutableDictionary<string, HealthApproval>.Empty,
        [],
        ImmutableDictionary<string, PrivacyRequest>.Empty,
        null,
        null,
        [],
        ImmutableDictionary<string, string>.Empty,
        ImmutableDictionary<string, OrphanedResponsibility>.Empty);

    /// <summary>The end dates of the scopes given with one (empty in a state from before consent had end dates).</summary>
    private static ImmutableSortedDictionary<ConsentScope, DateOnly> EndsOf(Consent consent) =>
        consent.Ends ?? ImmutableSortedDictionary<ConsentScope, DateOnly>.Empty;

    private static CaseState Evolve(CaseState s, CaseEvent e, long v, DateTimeOffset at, string actorId) => e switch
    {
        KeyDatesChanged x => Acknowledged(s with { Dates = x.Dates, DatesVersion = v, LastDatesChange = new KeyDatesChange(v, at, actorId) }, actorId, s.Members.GetValueOrDefault(actorId)?.UnitId, v, at),
        PhaseChanged x => Phase(s, x, at),
        CaseMovedToUnit x => s with
        {
            CurrentUnitId = x.UnitId,
            FormerUnitIds = [.. s.FormerUnitIds.Append(x.PreviousUnitId).Where(u => u != x.UnitId).Distinct().Order(StringComparer.Ordinal)],
        },
        HomeMunicipalityChanged x => s with { Home = x.Home },
        MemberAdded x => Active(s with { Members = s.Members.SetItem(x.Member.UserId, x.Member with { Version = v }) }, x.Member.UserId, at),
        DeputySet x => UpdateMember(s, x.UserId, m => m with { DeputyUserId = x.DeputyUserId, Version = v }),
        MembershipEnded x => UpdateMember(s, x.UserId, m => m with { Until = x.Until, Version = v }),
        NeedIdentified x => UpdateNeed(Active(s, x.OwnerId, at), x.Code, n => n with
        {
            Status = NeedStatus.NeedIdentified,
            AccountableOwnerId = x.OwnerId,
            OwnWords = x.OwnWords ?? n.OwnWords,
            Assessment = x.Assessment ?? n.Assessment,
            SupportingOwnerIds = n.SupportingOwnerIds.Remove(x.OwnerId),
            Version = v,
        }),
        NeedAreaUpdated x => UpdateNeed(s, x.Code, n => n with { OwnWords = x.OwnWords, Assessment = x.Assessment, Status = x.Status, Version = v }),
        SupportingOwnerAdded x => UpdateNeed(s, x.Code, n => n with { SupportingOwnerIds = n.SupportingOwnerIds.Add(x.UserId), Version = v }),
        SupportingOwnerRemoved x => UpdateNeed(s, x.Code, n => n with { SupportingOwnerIds = n.SupportingOwnerIds.Remove(x.UserId), Version = v }),
        GoalAdded x => s with { Goals = s.Goals.SetItem(x.GoalId, new Goal(x.GoalId, x.NeedCode, x.Text, false, v)) },
        GoalUpdated x => s with { Goals = s.Goals.SetItem(x.GoalId, s.Goals[x.GoalId] with { Text = x.Text, Achieved = x.Achieved, Version = v }) },
        MeasureAdded x => s with
        {
            Measures = s.Measures.SetItem(x.MeasureId, new Measure(x.MeasureId, x.NeedCodes, x.What, x.Why, x.OwnerId, x.Due, x.Requirements, MeasureStatus.Proposed, null, v, x.ConditionalOnRelease)),
        },
        MeasureUpdated x => UpdateMeasure(s, x.MeasureId, m => m with
        {
            NeedCodes = x.NeedCodes, What = x.What, Why = x.Why, OwnerId = x.OwnerId, Due = x.Due, Requirements = x.Requirements, Version = v,
        }),
        MeasureStatusChanged x => UpdateMeasure(s, x.MeasureId, m => m with { Status = x.Status, StatusNote = x.Note, Version = v }),
        ProposalSubmitted x => s with
        {
            Proposals = s.Proposals.SetItem(x.ProposalId, new Proposal(
                x.ProposalId, x.AuthorId, x.NeedCode, x.Text, ProposalStatus.Open, null, null, null, at, v, x.AnswerDue, x.RuleSetVersion)),
        },
        ProposalAnswered x => s with
        {
            Proposals = s.Proposals.SetItem(x.ProposalId, s.Proposals[x.ProposalId] with
            {
                Status = x.Adopted ? ProposalStatus.Adopted : ProposalStatus.Rejected, Answer = x.Answer, MeasureId = x.MeasureId, Version = v,
                AnsweredById = actorId, AnsweredAt = at,
            }),
        },
        ProposalAnswerMissed x => s with
        {
            Proposals = s.Proposals.SetItem(x.ProposalId, s.Proposals[x.ProposalId] with { AnswerMissedOn = NorwegianTime.DateOf(at), Version = v }),
        },
        AgreementRecorded x => s with { Agreements = s.Agreements.Add(new Agreement(x.PlanVersion, x.Answer, x.Comment, actorId, at)) },
        EncounterRecorded x => s with { Encounters = s.Encounters.Add(x.Encounter) },
        HandoverOffered x => s with
        {
            Handovers = s.Handovers.SetItem(x.HandoverId, new Handover(
                x.HandoverId, x.Subject, x.FromUserId, x.ToUnitId, x.ToUserId, x.PlannedDate, x.Note, HandoverStatus.Offered, at,
                null, null, false, null, null, v, x.ToAgency)),
        },
        HandoverAccepted x => UpdateHandover(s, x.HandoverId, h => h with { Status = HandoverStatus.Accepted, AcceptedById = x.AcceptedById, AcceptedAt = at, Version = v }),
        OverlapEstablished x => UpdateHandover(s, x.HandoverId, h => h with { OverlapMet = true, Version = v }),
        HandoverCompleted x => SetOwner(
            UpdateHandover(Active(s, x.NewOwnerId, at), x.HandoverId, h => h with { Status = HandoverStatus.Completed, ClosedAt = at, Version = v }),
            s.Handovers[x.HandoverId].Subject, x.NewOwnerId, v),
        HandoverDeclined x => UpdateHandover(s, x.HandoverId, h => h with { Status = HandoverStatus.Declined, Reason = x.Reason, ClosedAt = at, Version = v }),
        HandoverWithdrawn x => UpdateHandover(s, x.HandoverId, h => h with { Status = HandoverStatus.Withdrawn, Reason = x.Reason, ClosedAt = at, Version = v }),
        ResponsibilityOverridden x => SetOwner(Active(s, x.ToUserId, at), x.Subject, x.ToUserId, v),
        EscalationRaised x => s with { Escalations = s.Escalations.Add(new Escalation(x.EscalationId, x.Subject, x.Reason, x.HandoverId, at, x.UnitId)) },
        EscalationResolved x => s with
        {
            Escalations = [.. s.Escalations.Select(e => e.EscalationId == x.EscalationId ? e with { ResolvedAt = at, ResolvedById = actorId, ResolutionNote = x.Note } : e)],
        },
        MeetingScheduled x => s with
        {
            Meetings = s.Meetings.SetItem(x.MeetingId, new Meeting(
                x.MeetingId, x.ScheduledFor, x.Title, MeetingStatus.Scheduled, LastClosingVersion(s), [], null, v, [], null, null, null, null, null, v,
                x.Invitees is { IsDefault: false } invitees ? invitees : [], x.Place, x.VideoLink, x.ChairId, actorId,
                x.Place is null && x.VideoLink is null ? null : at, [], [], null, null, [], null)),
        },
        MeetingInvitationSent x => UpdateMeeting(s, x.MeetingId, m => m with
        {
            Invitees = x.Invitees.IsDefault ? [] : x.Invitees, Place = x.Place, VideoLink = x.VideoLink, ChairId = x.ChairId, InvitedAt = at, Version = v,
        }),
        ApologyRecorded x => UpdateMeeting(s, x.MeetingId, m => m with { Apologies = Listed(m.Apologies).Remove(x.UserId).Add(x.UserId), Version = v }),
        MeetingGuestAdded x => UpdateMeeting(s, x.MeetingId, m => m with { Guests = Listed(m.Guests).Add(new MeetingGuest(x.GuestId, x.Name, x.Role)), Version = v }),
        MinutesApproved x => UpdateMeeting(s, x.MeetingId, m => m with
        {
            MinutesApprovedAt = at, MinutesApprovedById = actorId, MinutesSentTo = x.SentTo.IsDefault ? [] : x.SentTo, Version = v,
        }),
        MeetingOpened x => UpdateMeeting(s, x.MeetingId, m => m with { Status = MeetingStatus.Open, OpenedAt = at, Version = v }),
        AttendanceRecorded x => UpdateMeeting(s, x.MeetingId, m => m with
        {
            Attendees = Attend(m.Attendees, new Attendee(x.UserId, x.Attendance)), Apologies = Listed(m.Apologies).Remove(x.UserId), Version = v,
        }),
        MinutesEdited x => UpdateMeeting(s, x.MeetingId, m => m with { Minutes = x.Text, MinutesVersion = v, Version = v }),
        DecisionRecorded x => UpdateMeeting(s, x.MeetingId, m => m with { Decisions = m.Decisions.Add(new MeetingDecision(x.DecisionId, x.Text, x.MeasureId)), Version = v }),
        MeetingClosed x => Closed(s, x, v, at),
        MeetingCancelled x => UpdateMeeting(s, x.MeetingId, m => m with { Status = MeetingStatus.Cancelled, CancelReason = x.Reason, ClosedAt = at, Version = v }),
        MilestoneRecorded x => s with { Milestones = s.Milestones.Add(new Milestone(x.Kind, x.Date, x.Note, actorId, at)) },
        DeadlineMissed x => s with { MissedDeadlines = s.MissedDeadlines.Add(new MissedDeadline(x.RuleId, x.RuleSetVersion, x.Due, at)) },
        HandoverPlannedDatePassed x => s with { HandoverAlerts = s.HandoverAlerts.SetItem(x.HandoverId, at) },
        OwnerInactive x => s with { InactivityAlerts = s.InactivityAlerts.SetItem(x.UserId, TimeRules.ActivityBaseline(s, x.UserId)) },
        ReleaseMovedEarlier x => s.LastDatesChange is { MovedReleaseEarlier: false } change
            ? s with { LastDatesChange = change with { EarlierDate = x.Date, EarlierFrom = x.From, EarlierTo = x.To } }
            : s,
        KeyDatesAcknowledged x => Acknowledged(s, actorId, x.UnitId, x.DatesVersion, at),
        ReleaseExceptionRecorded x => s with { ReleaseExceptions = s.ReleaseExceptions.Add(new ReleaseException(x.Code, x.Reason, actorId, at)) },
        CommitmentReopened x => UpdateMeasure(s, x.MeasureId, m => m with
        {
            Status = MeasureStatus.Proposed,
            StatusNote = $"Gjenåpnet: løslatelsen er flyttet fra {x.WasFor:yyyy-MM-dd}" + (x.NowExpected is { } d ? $" til {d:yyyy-MM-dd}" : " (ny dato ukjent)"),
            ConditionalOnRelease = x.NowExpected ?? x.WasFor,
            Version = v,
        }),
        FirstDaysListCreated x => s with { FirstDays = [.. x.Items.Select(i => i with { Version = v })] },
        FirstDaysItemUpdated x => s with
        {
            FirstDays = s.FirstDays.Select(i => i.ItemId == x.ItemId ? i with { Done = x.Done, Note = x.Note, UpdatedById = actorId, Version = v } : i).ToImmutableList(),
        },
        ConsentRecorded x => s with
        {
            Consent = s.Consent with
            {
                Scopes = [.. s.Consent.Scopes.Union(x.Scopes).Order()],
                RecordedById = actorId,
                RecordedAt = at,
                Note = x.Note,
                Version = v,
                Ends = x.Until is { } until ? EndsOf(s.Consent).SetItems(x.Scopes.Select(c => KeyValuePair.Create(c, until))) : EndsOf(s.Consent).RemoveRange(x.Scopes),
            },
        },
        ConsentWithdrawn x => s with
        {
            Consent = s.Consent with
            {
                Scopes = [.. s.Consent.Scopes.Where(c => !x.Scopes.IsDefaultOrEmpty && !x.Scopes.Contains(c))],
                RecordedById = actorId,
                RecordedAt = at,
                Note = x.Note,
                Version = v,
                Ends = x.Scopes.IsDefaultOrEmpty ? ImmutableSortedDictionary<ConsentScope, DateOnly>.Empty : EndsOf(s.Consent).RemoveRange(x.Scopes),
            },
        },
        ConsentExpired x => s with
        {
            Consent = s.Consent with { Scopes = [.. s.Consent.Scopes.Except(x.Scopes)], Version = v, Ends = EndsOf(s.Consent).RemoveRange(x.Scopes) },
        },
        SharingLimited x => s with
        {
            Consent = s.Consent with { NotSharedWith = x.NotSharedWith.IsDefault ? [] : [.. x.NotSharedWith.Distinct().Order()], RecordedById = actorId, RecordedAt = at, Note = x.Note, Version = v },
        },
        InformationRequested => s,
        StaffingChanged x => s with
        {
            StaffDepartures = x.IsStaff
                ? (s.StaffDepartures.GetValueOrDefault(x.UserId) == x.UnitId ? s.StaffDepartures.Remove(x.UserId) : s.StaffDepartures)
                : s.StaffDepartures.SetItem(x.UserId, x.UnitId),
        },
        ResponsibilityOrphaned x => s with { Orphans = s.Orphans.SetItem(x.Subject, new OrphanedResponsibility(x.Subject, x.OwnerId, x.UnitId, x.Cause, at, x.EscalationId)) },
        OrphanResolved x => ResolveOrphan(s, x, at, actorId),
        ApplicationStepRecorded x => UpdateMeasure(s, x.MeasureId, m => m with
        {
            Application = new Application(
                x.Kind,
                x.Partner ?? m.Application?.Partner,
                [.. (m.Application?.Entries ?? []).Where(e => x.Step != ApplicationStep.Planned || e.Step != ApplicationStep.Planned), new ApplicationEntry(x.Step, x.Date, x.Note, actorId)]),
            Version = v,
        }),
        // Nobody approves themselves: an approval a member recorded for themselves before the rule existed counts for nothing.
        HealthAccessApproved x when x.UserId == actorId => s,
        HealthAccessApproved x => s with { HealthApprovals = s.HealthApprovals.SetItem(x.UserId, new HealthApproval(x.UserId, actorId, at)) },
        HealthAccessRevoked x => s with { HealthApprovals = s.HealthApprovals.Remove(x.UserId) },
        ConsentRequested x => s with
        {
            PrivacyRequests = s.PrivacyRequests.SetItem(x.RequestId, new PrivacyRequest(x.RequestId, PrivacyRequestKind.Consent, x.Scopes, null, actorId, at, x.Note, v, x.Until)),
        },
        HealthAccessRequested x => s with
        {
            PrivacyRequests = s.PrivacyRequests.SetItem(x.RequestId, new PrivacyRequest(x.RequestId, PrivacyRequestKind.HealthAccess, [], x.UserId, actorId, at, null, v)),
        },
        PrivacyRequestConfirmed x => s with { PrivacyRequests = s.PrivacyRequests.Remove(x.RequestId) },
        PrivacyRequestRejected x => s with { PrivacyRequests = s.PrivacyRequests.Remove(x.RequestId) },
        _ => throw new InvalidOperationException($"No rule applies {e.GetType().Name} to a case."),
    };

    /// <summary>
    /// A move out of prison (in any form) records the day the person walked out and how; a move back into prison clears
    /// it, with the exceptions that were for that release. A case never in prison counts as released the day it is marked so.
    /// </summary>
    private static CaseState Phase(CaseState s, PhaseChanged x, DateTimeOffset at)
    {
        var day = NorwegianTime.DateOf(at);
        if (CasePhases.IsRelease(x.Previous, x.Phase) || (x.Phase == CasePhase.Released && s.ReleasedOn is null))
        {
            return s with { Phase = x.Phase, ReleasedOn = day, ReleaseForm = x.Form ?? s.ReleaseForm };
        }

        if (CasePhases.IsOut(x.Previous) && CasePhases.IsInPrison(x.Phase))
        {
            return s with { Phase = x.Phase, ReleasedOn = null, ReleaseForm = null, ReleaseExceptions = [] };
        }

        return s with { Phase = x.Phase, ReleaseForm = x.Form ?? s.ReleaseForm };
    }

    /// <summary>The flag goes, and with it its escalation: what the leaders were asked to fix is fixed.</summary>
    private static CaseState ResolveOrphan(CaseState s, OrphanResolved x, DateTimeOffset at, string actorId)
    {
        var escalationId = s.Orphans.GetValueOrDefault(x.Subject)?.EscalationId;
        return s with
        {
            Orphans = s.Orphans.Remove(x.Subject),
            Escalations = [.. s.Escalations.Select(e => e.EscalationId == escalationId && e.ResolvedAt is null ? e with { ResolvedAt = at, ResolvedById = actorId } : e)],
        };
    }

    private static ImmutableArray<T> Listed<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static CaseState Acknowledged(CaseState s, string userId, string? unitId, long datesVersion, DateTimeOffset at) =>
        userId == TimeRules.SystemActorId ? s : s with { DateAcknowledgements = s.DateAcknowledgements.SetItem(userId, new DateAcknowledgement(userId, unitId, datesVersion, at)) };

    /// <summary>The closing version of the last meeting closed, or 0: where the next agenda starts.</summary>
    private static long LastClosingVersion(CaseState s) =>
        s.Meetings.Values.Select(m => m.ClosedAtVersion ?? 0).DefaultIfEmpty(0).Max();

    // The meetings still waiting to be held take their agenda from this closing on.
    private static CaseState Closed(CaseState s, MeetingClosed x, long v, DateTimeOffset at)
    {
        var meetings = s.Meetings.SetItem(x.MeetingId, s.Meetings[x.MeetingId] with
        {
            Status = MeetingStatus.Closed, ClosedAt = at, ClosedAtVersion = v, EncounterId = x.EncounterId, NoNextMeetingReason = x.NoNextMeetingReason, Version = v,
        });
        foreach (var waiting in meetings.Values.Where(m => m.Status == MeetingStatus.Scheduled))
        {
            meetings = meetings.SetItem(waiting.MeetingId, waiting with { AgendaFromVersion = v, Version = v });
        }

        return s with { Meetings = meetings };
    }

    private static ImmutableArray<Attendee> Attend(ImmutableArray<Attendee> attendees, Attendee attendee)
    {
        for (var i = 0; i < attendees.Length; i++)
        {
            if (attendees[i].UserId == attendee.UserId)
            {
                return attendees.SetItem(i, attendee);
            }
        }

        return attendees.Add(attendee);
    }

    private static CaseState SetOwner(CaseState s, string subject, string ownerId, long v) =>
        subject == Responsibility.Coordinator
            ? s with { CoordinatorId = ownerId }
            : UpdateNeed(s, subject, n => n with { AccountableOwnerId = ownerId, SupportingOwnerIds = n.SupportingOwnerIds.Remove(ownerId), Version = v });

    private static CaseState UpdateMember(CaseState s, string id, Func<GroupMember, GroupMember> f) =>
        s with { Members = s.Members.SetItem(id, f(s.Members[id])) };

    private static CaseState UpdateNeed(CaseState s, string code, Func<NeedArea, NeedArea> f) =>
        s with { NeedAreas = s.NeedAreas.SetItem(code, f(s.NeedAreas[code])) };

    private static CaseState UpdateMeasure(CaseState s, string id, Func<Measure, Measure> f) =>
        s with { Measures = s.Measures.SetItem(id, f(s.Measures[id])) };

    private static CaseState UpdateMeeting(CaseState s, string id, Func<Meeting, Meeting> f) =>
        s with { Meetings = s.Meetings.SetItem(id, f(s.Meetings[id])) };

    private static CaseState UpdateHandover(CaseState s, string id, Func<Handover, Handover> f) =>
        s with { Handovers = s.Handovers.SetItem(id, f(s.Handovers[id])) };
}
