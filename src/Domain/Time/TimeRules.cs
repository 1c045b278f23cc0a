using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain.Time;

/// <summary>
/// What happens to a case when time passes, decided purely from the case, the rule set and the clock. The case grain
/// runs <see cref="Tick"/> (as the command <see cref="EvaluateTime"/> from <see cref="SystemActor"/>) when a reminder set
/// for <see cref="NextCheck"/> fires, and on a daily sweep. Every alert is raised once: the state remembers it.
/// <list type="bullet">
/// <item><see cref="DeadlineMissed"/> for each deadline overdue and not yet recorded missed (by rule and due day); for a
/// <i>must</i> rule also an <see cref="EscalationRaised"/> to the leader of the responsible unit (<see cref="ResponsibleUnit"/>).</item>
/// <item><see cref="HandoverPlannedDatePassed"/> once the planned date of a handover still only offered has passed, with an
/// escalation to the receiving unit's leader.</item>
/// <item><see cref="OwnerInactive"/> per responsibility when an accountable owner has not acted for
/// <see cref="DeadlineRuleSet.InactivityDays"/> days (orphan detection), once per silence.</item>
/// </list>
/// </summary>
public static class TimeRules
{
    /// <summary>The actor id of the system clock. Not a valid user id (it has a colon), so no token can carry it.</summary>
    public const string SystemActorId = "system:clock";

    /// <summary>The system clock as an actor.</summary>
    public static ActorRef SystemActor { get; } = new(SystemActorId, "CaseGrid (klokke)");

    /// <summary>The alerts due on <see cref="CommandContext.Today"/> and <see cref="CommandContext.Now"/>; accepted with no events when there are none.</summary>
    public static Decision Tick(CaseState state, DeadlineRuleSet rules, CommandContext ctx, NeedAreaCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.Actor.UserId != SystemActorId)
        {
            return Forbidden("time.system-only", "Only the system clock lets time act on a case.");
        }

        if (state.Phase == CasePhase.Closed)
        {
            return Decision.Accept();
        }

        var events = new List<CaseEvent>();
        foreach (var d in DeadlineCalculator.Compute(state, rules, ctx.Today).Where(d => d.Status == DeadlineStatus.Overdue && !IsRecorded(state, d)))
        {
            events.Add(new DeadlineMissed(d.RuleId, d.RuleSetVersion, d.Due!.Value));
            if (d.Severity == DeadlineSeverity.Must)
            {
                var unit = rules.Find(d.RuleId)?.ByCoordinator == true && state.Members.GetValueOrDefault(state.CoordinatorId)?.UnitId is { } coordinatorUnit
                    ? coordinatorUnit
                    : ResponsibleUnit(state, d.ResponsibleAgency);
                events.Add(new EscalationRaised(
                    ctx.NewId("esc"),
                    $"deadline:{d.RuleId}",
                    $"Frist passert: {d.Title}, frist {CaseTimeline.Day(d.Due!.Value)} ({d.Reason}). Ansvarlig: {DeadlineCalculator.AgencyName(d.ResponsibleAgency)}.",
                    null,
                    unit));
            }
        }

        foreach (var h in PlannedDatePassed(state, ctx.Today))
        {
            events.Add(new HandoverPlannedDatePassed(h.HandoverId));
            events.Add(new EscalationRaised(
                ctx.NewId("esc"),
                h.Subject,
                $"Overleveringen til {h.ToUnitId} var planlagt {CaseTimeline.Day(h.PlannedDate)}, men er ikke akseptert.",
                h.HandoverId,
                h.ToUnitId));
        }

        foreach (var (userId, since) in InactiveOwners(state, rules, ctx.Now))
        {
            var days = (int)Math.Floor((ctx.Now - since).TotalDays);
            events.AddRange(SubjectsOf(state, userId).Select(subject => new OwnerInactive(userId, subject, days)));
        }

        foreach (var p in AnswersMissed(state, ctx.Today))
        {
            var answerer = Answerer(state, p);
            events.Add(new ProposalAnswerMissed(p.ProposalId, p.AnswerDue!.Value));
            events.Add(new EscalationRaised(
                ctx.NewId("esc"),
                $"{ProposalSubject}{p.ProposalId}",
                $"Innspill fra {Name(state, p.AuthorId)} er ikke besvart; svarfristen var {CaseTimeline.Day(p.AnswerDue!.Value)}. Den som skal svare: {Name(state, answerer)}.",
                null,
                state.Members.GetValueOrDefault(answerer)?.UnitId ?? state.CurrentUnitId));
        }

        events.AddRange(StaffingLearned(state, ctx));
        events.AddRange(CaseDecider.ConsentEnded(state, ctx.Today));
        if (FirstDaysDue(state, rules, ctx.Today))
        {
            events.Add(new FirstDaysListCreated(FirstDaysList.Build(state, catalogue ?? NeedAreaCatalogue.Default)));
        }

        return Decision.Accept(events);
    }

    /// <summary>The prefix of an escalation's subject for a proposal not answered in time: <c>proposal:{proposalId}</c>.</summary>
    public const string ProposalSubject = "proposal:";

    /// <summary>Who must answer a proposal: the accountable owner of its need area, else the coordinator.</summary>
    public static string Answerer(CaseState state, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(proposal);
        return (proposal.NeedCode is null ? null : state.NeedAreas.GetValueOrDefault(proposal.NeedCode)?.AccountableOwnerId) ?? state.CoordinatorId;
    }

    /// <summary>The open proposals whose answer date has passed and that the clock has not yet recorded missed.</summary>
    private static IEnumerable<Proposal> AnswersMissed(CaseState s, DateOnly today) =>
        s.Proposals.Values
            .Where(p => p.IsOpen && p.AnswerDue is { } due && due < today && p.AnswerMissedOn is null)
            .OrderBy(p => p.ProposalId, StringComparer.Ordinal);

    /// <summary>What the units said about the owners' staffing that the case did not know yet.</summary>
    private static IEnumerable<StaffingChanged> StaffingLearned(CaseState s, CommandContext ctx) =>
        ctx.Staffing
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Pair: p.Key.Split('/'), IsStaff: p.Value))
            .Where(p => p.Pair.Length == 2 && (s.StaffDepartures.GetValueOrDefault(p.Pair[1]) == p.Pair[0]) == p.IsStaff)
            .Select(p => new StaffingChanged(p.Pair[1], p.Pair[0], p.IsStaff));

    /// <summary>
    /// True when the first-days list is to be prepared: the person is in prison, the list is not made yet, and the expected
    /// release (else the earliest) is at most <see cref="FirstDaysSettings.DaysBeforeRelease"/> days away.
    /// </summary>
    public static bool FirstDaysDue(CaseState state, DeadlineRuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        return FirstDaysFrom(state, rules) is { } from && today >= from;
    }

    /// <summary>The day the first-days list is prepared, while it is still to be made in prison; null otherwise.</summary>
    public static DateOnly? FirstDaysFrom(CaseState state, DeadlineRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        return state.FirstDays.IsEmpty && CasePhases.IsInPrison(state.Phase) && (state.Dates.ExpectedRelease ?? state.Dates.EarliestRelease) is { } release
            ? release.AddDays(-rules.FirstDays.DaysBeforeRelease)
            : null;
    }

    private static string Name(CaseState s, string userId) => s.Members.GetValueOrDefault(userId)?.DisplayName ?? userId;

    /// <summary>
    /// The next instant at which time could change something in <paramref name="state"/> — a deadline becoming due soon
    /// or overdue, a deadline's window opening, a planned handover date passing, an owner reaching the inactivity limit,
    /// the readiness window opening, a member's membership beginning — so the grain can set a reminder for it.
    /// <paramref name="now"/> itself when <see cref="Tick"/> has something to do already; null when nothing is ahead.
    /// </summary>
    public static DateTimeOffset? NextCheck(CaseState state, DeadlineRuleSet rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        if (state.Phase == CasePhase.Closed)
        {
            return null;
        }

        var today = NorwegianTime.DateOf(now);
        if (PlannedDatePassed(state, today).Any() || InactiveOwners(state, rules, now).Any() || AnswersMissed(state, today).Any()
            || FirstDaysDue(state, rules, today) || Orphans.Changes(state, _ => "").Any())
        {
            return now;
        }

        var at = new List<DateTimeOffset>();
        foreach (var d in DeadlineCalculator.Compute(state, rules, today))
        {
            if (d.Due is not { } due || d.Status is DeadlineStatus.Met or DeadlineStatus.NotApplicable)
            {
                continue;
            }

            if (d.Status == DeadlineStatus.Overdue)
            {
                if (!IsRecorded(state, d))
                {
                    return now;
                }

                continue;
            }

            at.Add(NorwegianTime.StartOf(due.AddDays(1)));
            at.Add(NorwegianTime.StartOf(due.AddDays(-rules.DueSoonDays)));
            if (d.WindowStart is { } window)
            {
                at.Add(NorwegianTime.StartOf(window));
            }
        }

        foreach (var h in state.Handovers.Values.Where(h => h.Status == HandoverStatus.Offered && !state.HandoverAlerts.ContainsKey(h.HandoverId)))
        {
            at.Add(NorwegianTime.StartOf(h.PlannedDate.AddDays(1)));
        }

        foreach (var (userId, _) in AccountableOwners(state))
        {
            var since = ActivityBaseline(state, userId);
            if (state.InactivityAlerts.GetValueOrDefault(userId) != since)
            {
                at.Add(since.AddDays(rules.InactivityDays));
            }
        }

        if (state.ReleasedOn is null && new CaseTimeline(state).KnownRelease is { } release)
        {
            at.Add(NorwegianTime.StartOf(release.AddDays(-7 * rules.Readiness.WeeksBeforeRelease)));
        }

        at.AddRange(state.Members.Values.Where(m => m.From > today).Select(m => NorwegianTime.StartOf(m.From)));
        at.AddRange(state.Proposals.Values.Where(p => p.IsOpen && p.AnswerDue is not null && p.AnswerMissedOn is null)
            .Select(p => NorwegianTime.StartOf(p.AnswerDue!.Value.AddDays(1))));
        if (FirstDaysFrom(state, rules) is { } firstDays)
        {
            at.Add(NorwegianTime.StartOf(firstDays));
        }

        var next = at.Where(t => t > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        return next == DateTimeOffset.MaxValue ? null : next;
    }

    /// <summary>
    /// The unit whose leader hears about a deadline that <paramref name="agency"/> must see to: the coordinator's unit when
    /// the coordinator is of that agency; else the unit of the longest-standing current member of that agency; else, for a
    /// municipality, the intended or registered home municipality; else the unit holding the case.
    /// </summary>
    public static string ResponsibleUnit(CaseState state, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(state);
        var coordinator = state.Members.GetValueOrDefault(state.CoordinatorId);
        if (coordinator is { UnitId: { } coordinatorUnit } && coordinator.Agency == agency)
        {
            return coordinatorUnit;
        }

        var member = state.Members.Values
            .Where(m => m.Agency == agency && m.UnitId is not null && m.Until is null)
            .OrderBy(m => m.From).ThenBy(m => m.UserId, StringComparer.Ordinal)
            .FirstOrDefault();
        return member?.UnitId
            ?? (agency == Agency.Municipality ? state.Home.IntendedUnitId ?? state.Home.RegisteredUnitId : state.CurrentUnitId);
    }

    /// <summary>The accountable owners and what each owns: the coordinator role and every identified need area, by owner in ordinal order.</summary>
    public static IEnumerable<(string UserId, ImmutableArray<string> Subjects)> AccountableOwners(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.NeedAreas.Values
            .Where(n => n.Status != NeedStatus.NotAssessed && n.AccountableOwnerId is not null)
            .Select(n => (Owner: n.AccountableOwnerId!, Subject: n.Code))
            .Append((Owner: state.CoordinatorId, Subject: Responsibility.Coordinator))
            .GroupBy(x => x.Owner, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => x.Subject).Order(StringComparer.Ordinal).ToImmutableArray()));
    }

    /// <summary>When <paramref name="userId"/> last acted on the case, joined it or took on a responsibility (their first day of membership when never).</summary>
    public static DateTimeOffset ActivityBaseline(CaseState state, string userId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.LastActivity.TryGetValue(userId, out var last))
        {
            return last;
        }

        return state.Members.TryGetValue(userId, out var member) ? NorwegianTime.StartOf(member.From) : state.OpenedAt;
    }

    private static bool IsRecorded(CaseState s, Deadline d) =>
        s.MissedDeadlines.Any(m => m.RuleId == d.RuleId && m.Due == d.Due);

    private static IEnumerable<Handover> PlannedDatePassed(CaseState s, DateOnly today) =>
        s.Handovers.Values
            .Where(h => h.Status == HandoverStatus.Offered && h.PlannedDate < today && !s.HandoverAlerts.ContainsKey(h.HandoverId))
            .OrderBy(h => h.HandoverId, StringComparer.Ordinal);

    private static IEnumerable<(string UserId, DateTimeOffset Since)> InactiveOwners(CaseState s, DeadlineRuleSet rules, DateTimeOffset now) =>
        AccountableOwners(s)
            .Select(o => (o.UserId, Since: ActivityBaseline(s, o.UserId)))
            .Where(o => now - o.Since >= TimeSpan.FromDays(rules.InactivityDays) && s.InactivityAlerts.GetValueOrDefault(o.UserId) != o.Since);

    private static ImmutableArray<string> SubjectsOf(CaseState s, string userId) =>
        AccountableOwners(s).First(o => o.UserId == userId).Subjects;
}
