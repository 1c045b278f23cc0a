using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

/// <summary>
/// Decides a case command against the case as it stands: the events it produces, or why it is refused.
/// Pure: no I/O, no clock, no Orleans. Who may do what is decided here too, from the case's own group.
/// The plan rules are in <c>CaseDecider.Plan.cs</c>, the group rules in <c>CaseDecider.Group.cs</c>, the
/// meeting rules in <c>CaseDecider.Meetings.cs</c>, the rules about time (milestones, key-date changes, conditional
/// commitments, the first-days list) in <c>CaseDecider.Time.cs</c>, what the clock does in <see cref="TimeRules"/>, the
/// release gate in <see cref="ReleaseGate"/>, and every handover rule in <see cref="HandoverRules"/>.
/// </summary>
public static partial class CaseDecider
{
    /// <summary>Longest free text accepted in a plan field.</summary>
    public const int MaxText = 4000;

    /// <summary>Longest name or short label.</summary>
    public const int MaxName = 200;

    /// <summary>Phases a case may move to from each phase.</summary>
    private static readonly ImmutableDictionary<CasePhase, ImmutableArray<CasePhase>> PhaseMoves = new Dictionary<CasePhase, ImmutableArray<CasePhase>>
    {
        [CasePhase.Summoned] = [CasePhase.Intake, CasePhase.Community, CasePhase.Closed],
        [CasePhase.Intake] = [CasePhase.Serving, CasePhase.Community, CasePhase.Released],
        [CasePhase.Serving] = [CasePhase.Community, CasePhase.Released],
        [CasePhase.Community] = [CasePhase.Serving, CasePhase.Released],
        [CasePhase.Released] = [CasePhase.Aftercare, CasePhase.Closed],
        [CasePhase.Aftercare] = [CasePhase.Closed],
        [CasePhase.Closed] = [],
    }.ToImmutableDictionary();

    /// <summary>
    /// Decide <paramref name="command"/> on <paramref name="state"/> (null when the case does not exist yet). Time
    /// (<see cref="EvaluateTime"/>) is decided with <paramref name="rules"/>, <see cref="DeadlineRuleSet.Default"/> when null.
    /// </summary>
    public static Decision Decide(CaseState? state, CaseCommand command, CommandContext ctx, string caseId, NeedAreaCatalogue catalogue, DeadlineRuleSet? rules = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var decision = DecideCommand(state, command, ctx, caseId, catalogue, rules ?? DeadlineRuleSet.Default);
        return state is null || decision.IsRefused || (command is not EvaluateTime && !decision.Events.Any(ChangesWhoCanAct))
            ? decision
            : FollowUp(state, decision, ctx, caseId);
    }

    /// <summary>Events after which an owner may have become unable to act, or able again: the orphan flags are brought up to date.</summary>
    private static bool ChangesWhoCanAct(CaseEvent e) =>
        e is CaseMovedToUnit or PhaseChanged or HandoverCompleted or ResponsibilityOverridden or NeedIdentified or StaffingChanged or MemberAdded;

    /// <summary>The decision with the orphan flags (<see cref="Orphans"/>) its events call for appended.</summary>
    private static Decision FollowUp(CaseState state, Decision decision, CommandContext ctx, string caseId)
    {
        var next = state;
        foreach (var e in decision.Events)
        {
            next = CaseEvolver.Apply(next, new CaseEventRecord(caseId, next.Version + 1, ctx.Actor.UserId, ctx.Actor.ClientId, ctx.Now, e));
        }

        var flags = Orphans.Changes(next, ctx.NewId).ToList();
        return flags.Count == 0 ? decision : Decision.Accept([.. decision.Events, .. flags]);
    }

    private static Decision DecideCommand(CaseState? state, CaseCommand command, CommandContext ctx, string caseId, NeedAreaCatalogue catalogue, DeadlineRuleSet rules)
    {
        if (command is OpenCase open)
        {
            return state is null
                ? Open(caseId, open, ctx, catalogue)
                : Conflict("case.exists", $"Case '{caseId}' already exists.");
        }

        if (state is null)
        {
            return NotFound("case.not-found", $"Case '{caseId}' does not exist.");
        }

        if (state.Phase == CasePhase.Closed)
        {
            return Conflict("case.closed", "The case is closed and can no longer be changed.");
        }

        // A partner system acting for a user passes what the system on its own would have to, whatever the command; and
        // the person's consent and approvals are given by people, never recorded by a system for them.
        if (Privacy.CaseAccess.ThroughSystem(state, ctx.Actor) is { } throughSystem)
        {
            return throughSystem;
        }

        if (ctx.Actor.IsActingFor && command is RecordConsent or ApproveHealthAccess or ConfirmPrivacyRequest or RejectPrivacyRequest)
        {
            return Forbidden("acting-for.not-consent", "Consent and who sees health details are recorded in CaseGrid by people, not by a system acting for them.");
        }

        // A receiving unit's staff act on handovers offered to their unit (and acknowledge the key dates) before they
        // join the group, a unit leader may override responsibility, record a release exception or record an escalation
        // as handled without being a member, and the system clock is no member at all.
        switch (command)
        {
            case AcceptHandover c: return (DomainError?)ctx.Limits.Refusal(state, c, ctx) ?? HandoverRules.Accept(state, c, ctx);
            case DeclineHandover c: return HandoverRules.Decline(state, c, ctx);
            case OverrideResponsibility c: return HandoverRules.Override(state, c, ctx);
            case AcknowledgeKeyDates c: return Acknowledge(state, c, ctx);
            case RecordReleaseException c: return (DomainError?)ctx.Limits.Refusal(state, c, ctx) ?? ReleaseException(state, c, ctx, catalogue);
            case ResolveEscalation c: return ResolveEscalationOf(state, c, ctx);
            case EvaluateTime: return TimeRules.Tick(state, rules, ctx, catalogue);
        }

        if (!state.IsActiveMember(ctx.Actor.UserId, ctx.Today))
        {
            return Forbidden("case.not-member", "Only active members of the case's ansvarsgruppe may change it.");
        }

        if (OverwritesWithheld(state, command, ctx, catalogue) is { } withheld)
        {
            return withheld;
        }

        if (ctx.Limits.Refusal(state, command, ctx) is { } full)
        {
            return full;
        }

        return command switch
        {
            SetKeyDates c => SetDates(state, c, ctx),
            ChangePhase c => Phase(state, c, ctx, catalogue),
            MoveCase c => Move(state, c, ctx),
            SetHomeMunicipality c => Home(state, c, ctx),
            AddMember c => Add(state, c, ctx),
            EndMembership c => End(state, c, ctx),
            SetDeputy c => Deputy(state, c, ctx),
            IdentifyNeed c => Identify(state, c, ctx),
            UpdateNeedArea c => UpdateNeed(state, c, ctx),
            AddSupportingOwner c => AddSupporter(state, c, ctx),
            RemoveSupportingOwner c => RemoveSupporter(state, c, ctx),
            AddGoal c => NewGoal(state, c, ctx),
            UpdateGoal c => EditGoal(state, c, ctx),
            AddMeasure c => NewMeasure(state, c, ctx),
            UpdateMeasure c => EditMeasure(state, c, ctx),
            ChangeMeasureStatus c => MeasureStatus(state, c, ctx),
            RecordApplicationStep c => ApplicationStep(state, c, ctx),
            SubmitProposal c => Propose(state, c, ctx, rules),
            AnswerProposal c => Answer(state, c, ctx),
            RecordAgreement c => Agree(state, c, ctx),
            RecordEncounter c => Encounter(state, c, ctx),
            OfferHandover c => HandoverRules.Offer(state, c, ctx),
            CompleteHandover c => HandoverRules.Complete(state, c, ctx),
            WithdrawHandover c => HandoverRules.Withdraw(state, c, ctx),
            ScheduleMeeting c => Schedule(state, c, ctx),
            SendMeetingInvitation c => Reinvite(state, c, ctx),
            RecordApology c => Apologise(state, c, ctx),
            AddMeetingGuest c => Guest(state, c, ctx),
            ApproveMinutes c => ApproveTheMinutes(state, c, ctx),
            OpenMeeting c => Begin(state, c, ctx),
            RecordAttendance c => Attend(state, c, ctx),
            EditMinutes c => WriteMinutes(state, c, ctx),
            RecordDecision c => MakeDecision(state, c, ctx),
            CloseMeeting c => Close(state, c, ctx),
            CancelMeeting c => Cancel(state, c, ctx),
            RecordMilestone c => Milestone(state, c, ctx),
            UpdateFirstDaysItem c => FirstDays(state, c, ctx),
            RecordConsent c => GiveConsent(state, c, ctx),
            WithdrawConsent c => WithdrawConsentOf(state, c, ctx),
            LimitSharing c => Limit(state, c, ctx),
            RequestInformation c => AskForInformation(state, c, ctx),
            ApproveHealthAccess c => Approve(state, c, ctx),
            RevokeHealthAccess c => Revoke(state, c, ctx),
            ConfirmPrivacyRequest c => Confirm(state, c, ctx),
            RejectPrivacyRequest c => Reject(state, c, ctx),
            _ => BadRequest("command.unknown", $"'{command.GetType().Name}' is not a case command."),
        };
    }

    /// <summary>The units whose word the command needs: their existence, and whether the actor works or leads there.</summary>
    public static IEnumerable<string> UnitsConcerned(CaseState? state, CaseCommand command)
    {
        IEnumerable<string?> units = command switch
        {
            OpenCase c => [c.UnitId, c.Home?.RegisteredUnitId, c.Home?.IntendedUnitId],
            MoveCase c => [c.ToUnitId],
            SetHomeMunicipality c => [c.Home?.RegisteredUnitId, c.Home?.IntendedUnitId],
            AddMember c => [c.UnitId],
            OfferHandover c => [c.ToUnitId],
            AcceptHandover c => [state?.Handovers.GetValueOrDefault(c.HandoverId)?.ToUnitId],
            DeclineHandover c => [state?.Handovers.GetValueOrDefault(c.HandoverId)?.ToUnitId],
            OverrideResponsibility c => [UnitOf(state, state?.OwnerOf(c.Subject)), UnitOf(state, c.ToUserId)],
            AcknowledgeKeyDates => state is null ? [] : [.. state.IncomingUnitIds],
            RecordReleaseException c => [state?.CurrentUnitId, UnitOf(state, state?.OwnerOf(c.Code ?? ""))],
            ResolveEscalation c => state?.Escalations.FirstOrDefault(e => e.EscalationId == c.EscalationId) is { } e ? [Work.WorkRules.EscalationUnit(state, e)] : [],
            _ => [],
        };
        return units.OfType<string>().Where(CaseGridIds.IsValid).Distinct();
    }

    /// <summary>
    /// The (unit, user) pairs whose staffing the command needs to know: for a time evaluation, every accountable owner who is
    /// a member for a unit, so the case learns who has left their unit's staff (<see cref="Orphans"/>).
    /// </summary>
    public static IEnumerable<(string UnitId, string UserId)> StaffingConcerned(CaseState? state, CaseCommand command) =>
        state is null || command is not EvaluateTime
            ? []
            : TimeRules.AccountableOwners(state)
                .Select(o => (Unit: state.Members.GetValueOrDefault(o.UserId)?.UnitId, o.UserId))
                .Where(o => o.Unit is not null && CaseGridIds.IsValid(o.Unit))
                .Select(o => (o.Unit!, o.UserId))
                .Distinct();

    private static string? UnitOf(CaseState? state, string? userId) =>
        userId is null ? null : state?.Members.GetValueOrDefault(userId)?.UnitId;

    /// <summary>True when the actor holds the coordinator role, or is the coordinator's deputy.</summary>
    internal static bool IsCoordinator(CaseState s, string userId) =>
        s.CoordinatorId == userId || s.Members.GetValueOrDefault(s.CoordinatorId)?.DeputyUserId == userId;

    /// <summary>The active member, or null.</summary>
    internal static GroupMember? ActiveMember(CaseState s, string? userId, DateOnly today) =>
        userId is not null && s.Members.TryGetValue(userId, out var m) && m.IsActiveOn(today) ? m : null;

    /// <summary>Null when <paramref name="userId"/> may be accountable for something: an active, open-ended, non-person member.</summary>
    internal static DomainError? EligibleOwner(CaseState s, string? userId, DateOnly today)
    {
        var m = ActiveMember(s, userId, today);
        if (m is null)
        {
            return Unprocessable("owner.not-member", $"'{userId}' is not an active member of the ansvarsgruppe.");
        }

        if (m.Role == MemberRole.Person)
        {
            return Unprocessable("owner.is-person", "The person cannot be the accountable owner; an agency must be.");
        }

        if (m.Until is not null)
        {
            return Unprocessable("owner.leaving", $"'{userId}' is leaving the group on {m.Until:yyyy-MM-dd} and cannot take on a responsibility.");
        }

        return m.UnitId is { } unit && Orphans.Cause(s, m, unit) is { } cause
            ? Unprocessable("owner.cannot-act", $"'{userId}' cannot act on the case for '{unit}' ({cause}) and cannot take on a responsibility.")
            : null;
    }

    private static bool IsCorrectional(GroupMember? m) => m?.Agency is Agency.Prison or Agency.Friomsorg;

    private static Decision Open(string caseId, OpenCase c, CommandContext ctx, NeedAreaCatalogue catalogue)
    {
        var invalid = First(
            Id(caseId, "caseId"),
            Id(c.Person?.PseudonymId, "person.pseudonymId"),
            Text(c.Person?.DisplayName, "person.displayName", MaxName, required: true),
            Id(c.UnitId, "unitId"),
            Id(c.Home?.RegisteredUnitId, "home.registeredUnitId"),
            c.Home?.IntendedUnitId is null ? null : Id(c.Home.IntendedUnitId, "home.intendedUnitId"),
            c.Dates is null ? BadRequest("dates.required", "'dates' is required (use nulls for unknown dates).") : null,
            Enum.IsDefined(c.Phase) ? null : BadRequest("phase.invalid", "Unknown phase."),
            Enum.IsDefined(c.CreatorRole) && c.CreatorRole != MemberRole.Person ? null : BadRequest("role.invalid", "The creator's role must be an agency role."));
        if (invalid is not null)
        {
            return invalid;
        }

        var unit = ctx.Unit(c.UnitId);
        if (unit is null)
        {
            return Unprocessable("unit.unknown", $"Unit '{c.UnitId}' does not exist.");
        }

        if (!ctx.IsStaffOf(c.UnitId))
        {
            return Forbidden("unit.not-staff", $"Only staff of '{c.UnitId}' may open a case there.");
        }

        var home = CheckHome(c.Home!, ctx) ?? DateRules.CheckOrder(c.Dates!);
        if (home is not null)
        {
            return home;
        }

        var creator = new GroupMember(ctx.Actor.UserId, ctx.Actor.DisplayName, c.CreatorRole, unit.Agency, unit.UnitId, ctx.Today, null, null, 0);
        return new CaseOpened(caseId, ctx.NewId("g"), c.Person!, c.Phase, c.UnitId, c.Home!, c.Dates!, creator, [.. catalogue.Entries.Select(e => e.Code)]);
    }

    private static DomainError? CheckHome(HomeMunicipality home, CommandContext ctx)
    {
        if (ctx.Unit(home.RegisteredUnitId) is null)
        {
            return Unprocessable("unit.unknown", $"Municipality '{home.RegisteredUnitId}' does not exist.");
        }

        if (home.IntendedUnitId is not null && ctx.Unit(home.IntendedUnitId) is null)
        {
            return Unprocessable("unit.unknown", $"Municipality '{home.IntendedUnitId}' does not exist.");
        }

        return home.Disputed && (home.IntendedUnitId is null || home.IntendedUnitId == home.RegisteredUnitId)
            ? Unprocessable("home.dispute-needs-two", "A disputed home municipality names both the registered and the intended municipality.")
            : null;
    }

    private static Decision SetDates(CaseState s, SetKeyDates c, CommandContext ctx)
    {
        if (c.Dates is null)
        {
            return BadRequest("dates.required", "'dates' is required (use nulls for unknown dates).");
        }

        if (!IsCorrectional(s.Members[ctx.Actor.UserId]) && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("dates.not-correctional", "Key dates are set by the correctional service or the coordinator.");
        }

        if (c.ExpectedVersion is { } expected && expected != s.DatesVersion)
        {
            return Stale("key dates", expected, s.DatesVersion, s.Dates);
        }

        return (DomainError?)DateRules.CheckOrder(c.Dates)
            ?? (s.Dates == c.Dates ? Decision.Accept() : Decision.Accept([new KeyDatesChanged(c.Dates, s.Dates), .. AfterDatesChanged(s, s.Dates, c.Dates)]));
    }

    private static Decision Phase(CaseState s, ChangePhase c, CommandContext ctx, NeedAreaCatalogue catalogue)
    {
        if (!IsCorrectional(s.Members[ctx.Actor.UserId]) && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("phase.not-correctional", "The phase is changed by the correctional service or the coordinator.");
        }

        if (!PhaseMoves.TryGetValue(s.Phase, out var allowed) || !allowed.Contains(c.Phase))
        {
            return Conflict("phase.invalid-move", $"A case cannot move from {s.Phase} to {c.Phase}.");
        }

        if (c.Form is { } form && (!Enum.IsDefined(form) || !CasePhases.FormsInto(c.Phase).Contains(form)))
        {
            return Unprocessable("phase.form-invalid", $"A move to {c.Phase} cannot be a release of the form {form}.");
        }

        var leaving = CasePhases.IsRelease(s.Phase, c.Phase);
        var endingSupervision = s.Phase == CasePhase.Community && c.Phase == CasePhase.Released;
        if (!leaving && !endingSupervision)
        {
            return new PhaseChanged(c.Phase, s.Phase, c.Form);
        }

        // Every way out of prison is a release: nobody leaves to the street (ReleaseGate has the exact rule). The move
        // completes the handovers the prison was letting go of — accepted, with the overlap met — as the person walks out,
        // and the first-days list is made if it was not prepared in the weeks before.
        var refused = ReleaseGate.Check(s, catalogue, ctx.Today, c.Phase);
        if (refused is not null)
        {
            return refused;
        }

        var releasedAs = c.Form ?? (c.Phase == CasePhase.Released && leaving ? ReleaseForm.FullTime : null);
        var events = new List<CaseEvent> { new PhaseChanged(c.Phase, s.Phase, releasedAs) };
        events.AddRange(HandedOverOnRelease(s, c.Phase, ctx.Today).Select(h => new HandoverCompleted(h.HandoverId, h.AcceptedById!)));
        if (s.FirstDays.IsEmpty && (leaving || c.Phase == CasePhase.Released))
        {
            events.Add(new FirstDaysListCreated(FirstDaysList.Build(s, catalogue)));
        }

        return Decision.Accept(events);
    }

    /// <summary>
    /// The open handovers a move into <paramref name="phase"/> completes: the coordinator role's when it must leave its
    /// current place (<see cref="CoordinatorPlacement.Completing"/>), and, on leaving prison, every handover from a prison
    /// member that is accepted with the overlap met — the prison lets go as the person walks out.
    /// </summary>
    private static IEnumerable<Contracts.Handovers.Handover> HandedOverOnRelease(CaseState s, CasePhase phase, DateOnly today)
    {
        var coordinator = s.Members.GetValueOrDefault(s.CoordinatorId);
        var leaving = CasePhases.IsRelease(s.Phase, phase);
        return s.Handovers.Values
            .Where(h => h.Status == Contracts.Handovers.HandoverStatus.Accepted && h.OverlapMet)
            .Where(h => h.Subject == Contracts.Handovers.Responsibility.Coordinator
                ? coordinator is not null && !CoordinatorPlacement.MaySit(coordinator.Agency, phase) && CoordinatorPlacement.Completing(s, phase, today) == h
                : leaving && s.Members.GetValueOrDefault(h.FromUserId)?.Agency == Agency.Prison
                    && s.Members.GetValueOrDefault(h.AcceptedById!) is { } receiver && receiver.IsActiveOn(today) && receiver.Until is null
                    && receiver.Agency is not (Agency.Prison or Agency.Person))
            .OrderBy(h => h.HandoverId, StringComparer.Ordinal);
    }

    private static Decision Move(CaseState s, MoveCase c, CommandContext ctx)
    {
        if (!IsCorrectional(s.Members[ctx.Actor.UserId]) && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("move.not-correctional", "A transfer is made by the correctional service or the coordinator.");
        }

        return (DomainError?)Id(c.ToUnitId, "toUnitId")
            ?? (ctx.Unit(c.ToUnitId) is null ? Unprocessable("unit.unknown", $"Unit '{c.ToUnitId}' does not exist.") : null)
            ?? (c.ToUnitId == s.CurrentUnitId ? Decision.Accept() : new CaseMovedToUnit(c.ToUnitId, s.CurrentUnitId));
    }

    private static Decision Home(CaseState s, SetHomeMunicipality c, CommandContext ctx)
    {
        if (s.Members[ctx.Actor.UserId].Role == MemberRole.Person)
        {
            return Forbidden("home.person", "The home municipality is recorded by the agencies.");
        }

        return (DomainError?)(c.Home is null ? BadRequest("home.required", "'home' is required.") : null)
            ?? Id(c.Home!.RegisteredUnitId, "home.registeredUnitId")
            ?? CheckHome(c.Home, ctx)
            ?? (c.Home == s.Home ? Decision.Accept() : new HomeMunicipalityChanged(c.Home));
    }
}
