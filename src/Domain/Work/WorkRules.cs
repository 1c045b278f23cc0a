using System.Collections.Immutable;
using System.Globalization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Domain.Work;

/// <summary>
/// Who must act on a case now (domain §13): a pure function from the case as it stands, the day, the rule set, the
/// catalogue and the names of the units it mentions, to the work items it creates and whom each is for — a user by
/// name, every staff member of a unit, or a unit's leaders. Nothing is stored: an item exists while the case needs it
/// and goes when the case changes, so a list built from this can never drift from the cases.
/// <list type="bullet">
/// <item><see cref="WorkItemKind.HandoverOffered"/>: a handover still only offered, to its named receiver, else to every
/// staff member of the receiving unit; gone once accepted, declined or withdrawn.</item>
/// <item><see cref="WorkItemKind.ProposalToAnswer"/>: an open proposal, to the accountable owner of its need area (who may
/// answer it), else to the coordinator; due <see cref="WorkSettings.ProposalAnswerWorkingDays"/> working days after it
/// was made; gone once answered.</item>
/// <item><see cref="WorkItemKind.DeadlineDue"/> and <see cref="WorkItemKind.DeadlineMissed"/>: a deadline due within
/// <see cref="WorkSettings.DueWindowDays"/> days, or overdue, to its owner (<see cref="DeadlineOwner"/>); gone once met or
/// no longer applicable.</item>
/// <item><see cref="WorkItemKind.Escalation"/>: to the leaders of the unit it was raised to (<see cref="EscalationUnit"/>),
/// while <see cref="IsEscalationOpen"/>.</item>
/// <item><see cref="WorkItemKind.KeyDatesChanged"/> or, when the change moved a release date earlier,
/// <see cref="WorkItemKind.ReleaseMovedEarlier"/>: to each owner who has not acknowledged the current dates, and to the
/// staff of each receiving unit where nobody has; gone once acknowledged.</item>
/// <item><see cref="WorkItemKind.ConsentToConfirm"/>: to the person, for consent or a health-access approval someone else
/// recorded on their word and that waits for them (a privacy request); gone once confirmed (by the person, or a second
/// member) or rejected.</item>
/// <item><see cref="WorkItemKind.OwnerLeftUnit"/>: a responsibility flagged as orphaned (<see cref="Handovers.Orphans"/>: its
/// owner left their unit's staff, the case moved away from their unit, or the person left the prison they work at), to
/// the leaders of the unit the owner can no longer act for, and to the coordinator (unless the coordinator is that owner);
/// gone once a handover or an override gives it to someone who can act. Its escalation is this item, not another.</item>
/// </list>
/// An item addressed to a user by name goes only to an active member of the group — except a handover offered by name
/// (its receiver may still be outside the group) and the person's own items. A closed case needs no one.
/// </summary>
public static class WorkRules
{
    /// <summary>The subject of key-date items.</summary>
    public const string DatesSubject = "dates";

    /// <summary>The subject of consent items.</summary>
    public const string ConsentSubject = "consent";

    /// <summary>The subject of health-access approval items.</summary>
    public const string HealthAccessSubject = "health-access";

    /// <summary>The action code of each kind, which the app words in Norwegian.</summary>
    public static string ActionOf(WorkItemKind kind) => kind switch
    {
        WorkItemKind.HandoverOffered => "handover.answer",
        WorkItemKind.ProposalToAnswer => "proposal.answer",
        WorkItemKind.DeadlineDue or WorkItemKind.DeadlineMissed => "deadline.meet",
        WorkItemKind.Escalation => "escalation.resolve",
        WorkItemKind.KeyDatesChanged or WorkItemKind.ReleaseMovedEarlier => "dates.acknowledge",
        WorkItemKind.OwnerLeftUnit => "responsibility.reassign",
        WorkItemKind.ConsentToConfirm => "consent.confirm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of work item."),
    };

    /// <summary>
    /// Every item <paramref name="state"/> creates on <paramref name="today"/>, and whom it is for, in a stable order.
    /// <paramref name="units"/> names the units the case mentions (an unknown unit is named by its id);
    /// <paramref name="deadlines"/> are the case's deadlines today when already computed.
    /// </summary>
    public static ImmutableArray<AddressedWorkItem> Derive(
        CaseState state,
        DateOnly today,
        DeadlineRuleSet rules,
        NeedAreaCatalogue catalogue,
        WorkSettings settings,
        Func<string, UnitInfo?> units,
        ImmutableArray<Deadline>? deadlines = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(units);
        if (state.Phase == CasePhase.Closed)
        {
            return [];
        }

        var computed = deadlines ?? DeadlineCalculator.Compute(state, rules, today);
        var work = new Deriving(state, today, rules, catalogue, settings, units, computed);
        work.Handovers();
        work.Proposals();
        work.Deadlines();
        work.Escalations();
        work.OrphanedResponsibilities();
        work.KeyDates();
        work.Consent();
        return work.Items.ToImmutable();
    }

    /// <summary>
    /// The next instant after <paramref name="now"/> at which time alone changes the items of <paramref name="state"/>: a
    /// deadline entering the window or passing, a proposal's answer date or a handover's planned date passing. Null when
    /// none is ahead. (Deadlines passing and members joining later are also in <see cref="TimeRules.NextCheck"/>.)
    /// </summary>
    public static DateTimeOffset? NextChange(CaseState state, DateTimeOffset now, ImmutableArray<Deadline> deadlines, WorkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        if (state.Phase == CasePhase.Closed)
        {
            return null;
        }

        var days = new List<DateOnly>();
        foreach (var d in deadlines.Where(d => d.Due is not null && d.Status is DeadlineStatus.Upcoming or DeadlineStatus.DueSoon))
        {
            days.Add(d.Due!.Value.AddDays(-settings.DueWindowDays));
            days.Add(d.Due!.Value.AddDays(1));
        }

        days.AddRange(state.Proposals.Values.Where(p => p.Status == ProposalStatus.Open).Select(p => AnswerDue(p, settings).AddDays(1)));
        days.AddRange(state.Handovers.Values.Where(h => h.Status == HandoverStatus.Offered).Select(h => h.PlannedDate.AddDays(1)));
        var next = days.Select(NorwegianTime.StartOf).Where(t => t > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        return next == DateTimeOffset.MaxValue ? null : next;
    }

    /// <summary>
    /// The day a proposal is to be answered by: the answer date it was given from the rule set in force when it was made
    /// (domain §9); for a proposal from before answer dates, <see cref="WorkSettings.ProposalAnswerWorkingDays"/> working
    /// days after it was made.
    /// </summary>
    public static DateOnly AnswerDue(Proposal proposal, WorkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(settings);
        return proposal.AnswerDue ?? WorkingDays.Add(NorwegianTime.DateOf(proposal.SubmittedAt), settings.ProposalAnswerWorkingDays);
    }

    /// <summary>Who must answer a proposal: the accountable owner of its need area, else the coordinator.</summary>
    public static string Answerer(CaseState state, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal.NeedCode is { } code && state.NeedAreas.GetValueOrDefault(code)?.AccountableOwnerId is { } owner ? owner : state.CoordinatorId;
    }

    /// <summary>
    /// Who owns a deadline: the coordinator when of the agency that must see to it; else the accountable owner of the need
    /// area the rule concerns, when of that agency; else every staff member of that agency's responsible unit
    /// (<see cref="TimeRules.ResponsibleUnit"/>, whose leader hears when it is missed).
    /// </summary>
    public static (WorkAudience Audience, string AddresseeId) DeadlineOwner(CaseState state, Deadline deadline, DeadlineRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(rules);
        var agency = deadline.ResponsibleAgency;
        if (state.Members.GetValueOrDefault(state.CoordinatorId) is { } coordinator && coordinator.Agency == agency)
        {
            return (WorkAudience.User, coordinator.UserId);
        }

        var need = rules.Find(deadline.RuleId)?.SatisfiedBy.Select(x => x.Need).OfType<string>().FirstOrDefault();
        if (need is not null && state.NeedAreas.GetValueOrDefault(need) is { Status: not NeedStatus.NotAssessed, AccountableOwnerId: { } owner }
            && state.Members.GetValueOrDefault(owner)?.Agency == agency)
        {
            return (WorkAudience.User, owner);
        }

        return (WorkAudience.UnitStaff, TimeRules.ResponsibleUnit(state, agency));
    }

    /// <summary>
    /// The unit whose leaders an escalation is for: the unit it names; else (a declined handover) the unit of the member
    /// who offered the handover, or of the subject's owner; else the unit holding the case.
    /// </summary>
    public static string EscalationUnit(CaseState state, Escalation escalation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(escalation);
        if (escalation.UnitId is { } named)
        {
            return named;
        }

        var sender = escalation.HandoverId is { } id ? state.Handovers.GetValueOrDefault(id)?.FromUserId : null;
        var owner = state.OwnerOf(escalation.Subject);
        return state.Members.GetValueOrDefault(sender ?? "")?.UnitId ?? state.Members.GetValueOrDefault(owner ?? "")?.UnitId ?? state.CurrentUnitId;
    }

    /// <summary>
    /// True while an escalation needs its leaders. It closes when a leader records it as handled, or when the case removes
    /// its cause: for a missed deadline, once the deadline is no longer overdue (met, not applicable, or moved); for a
    /// handover declined or not accepted in time, once it or a later handover of the same responsibility is accepted, or
    /// the responsibility has another owner than the one who offered it (an override).
    /// </summary>
    public static bool IsEscalationOpen(CaseState state, Escalation escalation, ImmutableArray<Deadline> deadlines)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(escalation);
        if (escalation.ResolvedAt is not null)
        {
            return false;
        }

        if (DeadlineRuleOf(escalation) is { } ruleId)
        {
            return deadlines.Any(d => d.RuleId == ruleId && d.Status == DeadlineStatus.Overdue);
        }

        if (escalation.HandoverId is not { } handoverId || state.Handovers.GetValueOrDefault(handoverId) is not { } handover)
        {
            return true;
        }

        static bool TookHold(Handover h) => h.Status is HandoverStatus.Accepted or HandoverStatus.Completed;
        return !TookHold(handover)
            && !state.Handovers.Values.Any(h => h.Subject == handover.Subject && h.OfferedAt >= escalation.RaisedAt && TookHold(h))
            && state.OwnerOf(handover.Subject) == handover.FromUserId;
    }

    /// <summary>The Norwegian name of a subject: a need area, the coordinator role, a deadline rule, the dates or consent.</summary>
    public static string? SubjectTitle(string? subject, NeedAreaCatalogue catalogue, DeadlineRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(rules);
        return subject switch
        {
            null => null,
            Responsibility.Coordinator => "Koordinatorrollen",
            DatesSubject => "Nøkkeldatoer",
            ConsentSubject => "Samtykke",
            HealthAccessSubject => "Innsyn i helseopplysninger",
            _ when subject.StartsWith("deadline:", StringComparison.Ordinal) => rules.Find(subject["deadline:".Length..])?.NameNb,
            _ => catalogue.Find(subject)?.NameNb ?? rules.Find(subject)?.NameNb,
        };
    }

    private static string? DeadlineRuleOf(Escalation e) =>
        e.Subject.StartsWith("deadline:", StringComparison.Ordinal) ? e.Subject["deadline:".Length..] : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One derivation: the case, what it is derived with, and the items found so far.</summary>
    private sealed class Deriving(
        CaseState s, DateOnly today, DeadlineRuleSet rules, NeedAreaCatalogue catalogue, WorkSettings settings, Func<string, UnitInfo?> units, ImmutableArray<Deadline> deadlines)
    {
        public ImmutableArray<AddressedWorkItem>.Builder Items { get; } = ImmutableArray.CreateBuilder<AddressedWorkItem>();

        public void Handovers()
        {
            foreach (var h in s.Handovers.Values.Where(h => h.Status == HandoverStatus.Offered).OrderBy(h => h.OfferedAt).ThenBy(h => h.HandoverId, StringComparer.Ordinal))
            {
                var from = s.Members.GetValueOrDefault(h.FromUserId);
                var fromUnit = from?.UnitId is { } u ? $" ({UnitName(u)})" : "";
                var item = Item(WorkItemKind.HandoverOffered, $"handover:{h.HandoverId}", h.Subject, h.PlannedDate, today > h.PlannedDate, h.OfferedAt, h.HandoverId,
                    $"Tilbudt av {from?.DisplayName ?? h.FromUserId}{fromUnit}, planlagt overtatt {Day(h.PlannedDate)}");
                if (h.ToUserId is { } receiver)
                {
                    Add(WorkAudience.User, receiver, item, anyone: true);
                }
                else
                {
                    Add(WorkAudience.UnitStaff, h.ToUnitId, item);
                }
            }
        }

        public void Proposals()
        {
            foreach (var p in s.Proposals.Values.Where(p => p.Status == ProposalStatus.Open).OrderBy(p => p.SubmittedAt).ThenBy(p => p.ProposalId, StringComparer.Ordinal))
            {
                var due = AnswerDue(p, settings);
                var author = s.Members.GetValueOrDefault(p.AuthorId);
                var by = author?.Role == MemberRole.Person ? $"{author.DisplayName} (personen selv)" : author?.DisplayName ?? p.AuthorId;
                Add(WorkAudience.User, Answerer(s, p), Item(WorkItemKind.ProposalToAnswer, $"proposal:{p.ProposalId}", p.NeedCode, due, today > due, p.SubmittedAt, p.ProposalId,
                    $"Innspill fra {by}, svar innen {Day(due)}"));
            }
        }

        public void Deadlines()
        {
            foreach (var d in deadlines)
            {
                if (d.Due is not { } due)
                {
                    continue;
                }

                var missed = d.Status == DeadlineStatus.Overdue;
                var inWindow = d.Status is DeadlineStatus.DueSoon or DeadlineStatus.Upcoming && due.DayNumber - today.DayNumber <= settings.DueWindowDays;
                if (!missed && !inWindow)
                {
                    continue;
                }

                var kind = missed ? WorkItemKind.DeadlineMissed : WorkItemKind.DeadlineDue;
                var since = NorwegianTime.StartOf(missed ? due.AddDays(1) : due.AddDays(-settings.DueWindowDays));
                var binding = d.Severity == DeadlineSeverity.Must ? "Skal" : "Bør";
                var (audience, addressee) = DeadlineOwner(s, d, rules);
                Add(audience, addressee, Item(kind, $"{(missed ? "deadline-missed" : "deadline-due")}:{d.RuleId}:{Day(due)}", d.RuleId, due, missed, since, d.RuleId,
                    $"{binding}: {d.Reason}"));
            }
        }

        public void Escalations()
        {
            // An orphan's escalation reaches the leaders as the orphan's own item (OrphanedResponsibilities).
            var orphans = s.Orphans.Values.Select(o => o.EscalationId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var e in s.Escalations.Where(e => !orphans.Contains(e.EscalationId) && IsEscalationOpen(s, e, deadlines)))
            {
                var ruleId = DeadlineRuleOf(e);
                var deadline = ruleId is null ? null : deadlines.FirstOrDefault(d => d.RuleId == ruleId);
                var handover = e.HandoverId is { } id ? s.Handovers.GetValueOrDefault(id) : null;
                var due = deadline?.Due ?? handover?.PlannedDate;
                var title = SubjectTitle(e.Subject, catalogue, rules) ?? e.Subject;
                var detail = (deadline, handover) switch
                {
                    ({ } d, _) => $"Frist passert: {title}" + (d.Due is { } day ? $", frist {Day(day)}" : ""),
                    (_, { Status: HandoverStatus.Declined } h) => $"Overlevering av {title} til {UnitName(h.ToUnitId)} ble avslått",
                    (_, { } h) => $"Overlevering av {title} til {UnitName(h.ToUnitId)} var planlagt {Day(h.PlannedDate)}, men er ikke akseptert",
                    _ => $"Eskalert: {title}",
                };
                Add(WorkAudience.UnitLeaders, EscalationUnit(s, e), Item(WorkItemKind.Escalation, $"escalation:{e.EscalationId}", ruleId ?? e.Subject, due, due is { } x && today > x, e.RaisedAt, e.EscalationId, detail));
            }
        }

        public void OrphanedResponsibilities()
        {
            foreach (var o in s.Orphans.Values.OrderBy(o => o.Subject, StringComparer.Ordinal))
            {
                var title = SubjectTitle(o.Subject, catalogue, rules) ?? o.Subject;
                var owner = NameOf(o.OwnerId);
                var why = o.Cause switch
                {
                    OrphanCause.StaffRemoved => $"{owner} jobber ikke lenger ved {UnitName(o.UnitId)}",
                    OrphanCause.CaseMovedAway => $"saken er flyttet fra {UnitName(o.UnitId)}, der {owner} jobber",
                    _ => $"personen har forlatt fengselet, og {owner} er ansatt ved {UnitName(o.UnitId)}",
                };
                var item = Item(WorkItemKind.OwnerLeftUnit, $"orphan:{o.Subject}:{o.OwnerId}", o.Subject, null, false, o.Since, o.EscalationId ?? o.Subject,
                    $"{title}: {why}. Gi ansvaret videre ved overlevering, eller la en leder overstyre");
                Add(WorkAudience.UnitLeaders, o.UnitId, item with { ItemId = $"{item.ItemId}:{o.UnitId}" });
                if (s.CoordinatorId != o.OwnerId)
                {
                    Add(WorkAudience.User, s.CoordinatorId, item);
                }
            }
        }

        public void KeyDates()
        {
            var users = s.PendingDateAcknowledgements;
            var receiving = s.PendingDateAcknowledgementUnits;
            if (users.IsEmpty && receiving.IsEmpty)
            {
                return;
            }

            var change = s.LastDatesChange is { } c && c.DatesVersion == s.DatesVersion ? c : null;
            var earlier = change is { EarlierTo: { } to, EarlierFrom: { } was };
            var kind = earlier ? WorkItemKind.ReleaseMovedEarlier : WorkItemKind.KeyDatesChanged;
            var which = change?.EarlierDate == ReleaseDateKind.Earliest ? "Tidligste løslatelse" : "Forventet løslatelse";
            var detail = earlier
                ? $"{which} er flyttet fra {Day(change!.EarlierFrom!.Value)} til {Day(change.EarlierTo!.Value)}"
                : "Nøkkeldatoene er endret" + (s.Dates.ExpectedRelease is { } expected ? $"; forventet løslatelse {Day(expected)}" : "");
            var due = earlier ? change!.EarlierTo : null;
            var item = Item(kind, $"dates:{s.DatesVersion}", DatesSubject, due, due is { } x && today > x, change?.At ?? s.UpdatedAt,
                s.DatesVersion.ToString(CultureInfo.InvariantCulture), detail);
            foreach (var userId in users)
            {
                Add(WorkAudience.User, userId, item);
            }

            foreach (var unitId in receiving)
            {
                // One item per receiving unit: an owner who also works there acknowledges for the unit separately.
                Add(WorkAudience.UnitStaff, unitId, item with { ItemId = $"{item.ItemId}:{unitId}" });
            }
        }

        public void Consent()
        {
            foreach (var person in s.Members.Values.Where(m => m.Role == MemberRole.Person && m.IsActiveOn(today)).OrderBy(m => m.UserId, StringComparer.Ordinal))
            {
                foreach (var request in s.PrivacyRequests.Values.OrderBy(r => r.RecordedAt).ThenBy(r => r.RequestId, StringComparer.Ordinal))
                {
                    var (subject, detail) = request.Kind == PrivacyRequestKind.Consent
                        ? (ConsentSubject, $"{NameOf(request.RecordedById)} registrerte samtykket ditt på dine vegne")
                        : (HealthAccessSubject, $"{NameOf(request.RecordedById)} registrerte på dine vegne at {NameOf(request.UserId ?? "")} kan se helseopplysningene dine");
                    Add(WorkAudience.User, person.UserId, Item(WorkItemKind.ConsentToConfirm, $"privacy:{request.RequestId}", subject, null, false, request.RecordedAt,
                        request.RequestId, detail));
                }
            }
        }

        private string NameOf(string userId) => s.Members.GetValueOrDefault(userId)?.DisplayName ?? userId;

        private string UnitName(string unitId) => units(unitId)?.Name ?? unitId;

        private WorkItem Item(WorkItemKind kind, string key, string? subject, DateOnly? due, bool overdue, DateTimeOffset since, string? refId, string detail) =>
            new($"{s.CaseId}:{key}", kind, s.CaseId, s.Person.DisplayName, subject, SubjectTitle(subject, catalogue, rules), due, overdue, since, null, null, refId, ActionOf(kind), detail);

        /// <summary>
        /// Address an item. A user by name must be an active member (unless <paramref name="anyone"/>: a handover's named
        /// receiver may still be outside the group); an item for a unit names the unit.
        /// </summary>
        private void Add(WorkAudience audience, string addressee, WorkItem item, bool anyone = false)
        {
            if (audience == WorkAudience.User)
            {
                if (anyone || s.IsActiveMember(addressee, today))
                {
                    Items.Add(new AddressedWorkItem(audience, addressee, item));
                }

                return;
            }

            Items.Add(new AddressedWorkItem(audience, addressee, item with { UnitId = addressee, UnitName = UnitName(addressee) }));
        }
    }
}
