using System.Collections.Immutable;
using System.Globalization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Meetings;

/// <summary>
/// Builds a meeting's agenda (domain §5 item 10): every change to the case since the last meeting closed, from the
/// person or the group, as one short Norwegian line per changed item — several edits to the same need area, measure,
/// proposal, goal, member or handover make one line naming where it stands now. The meetings' own bookkeeping
/// (scheduling, attendance, minutes, decisions and the measures they became) is not on it: the meeting made those.
/// Free text belonging to a health-sensitive need area is never quoted, only the area named.
/// </summary>
public static class MeetingAgenda
{
    private const int MaxQuote = 80;

    /// <summary>
    /// The agenda from <paramref name="eventsSinceAgendaStart"/> (the log after the meeting's
    /// <see cref="Meeting.AgendaFromVersion"/>), in the order of each line's latest change. Names are read from
    /// <paramref name="state"/>, the case as it stands now.
    /// </summary>
    public static ImmutableArray<AgendaItem> Build(CaseState state, IEnumerable<CaseEventRecord> eventsSinceAgendaStart, NeedAreaCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(eventsSinceAgendaStart);

        var records = eventsSinceAgendaStart.OrderBy(r => r.Version).ToList();
        var meetingMeasures = records.Select(r => r.Event).OfType<DecisionRecorded>().Select(d => d.MeasureId).ToHashSet(StringComparer.Ordinal);
        var meetingEncounters = state.Meetings.Values.Select(m => m.EncounterId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var orphanEscalations = records.Select(r => r.Event).OfType<ResponsibilityOrphaned>().Select(o => o.EscalationId).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var groups = new Dictionary<string, List<CaseEventRecord>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var key = record.Event is EscalationRaised e && orphanEscalations.Contains(e.EscalationId) ? $"orphan:{e.Subject}" : KeyOf(record, meetingMeasures, meetingEncounters);
            if (key is null)
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
            }

            group.Add(record);
        }

        var words = new Words(state, catalogue ?? NeedAreaCatalogue.Default);
        return [.. groups.Select(g => Item(g.Key, g.Value, words)).OrderBy(i => i.Version)];
    }

    /// <summary>
    /// The standing items of <paramref name="meeting"/> (domain §10): the person's own round — with whether they were
    /// invited in time (<see cref="DeadlineRuleSet.MeetingNoticeDays"/>) — and the next meeting, which must be booked before
    /// this one closes.
    /// </summary>
    public static ImmutableArray<StandingItem> Standing(CaseState state, Meeting meeting, DeadlineRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(rules);
        var person = state.Members.Values.FirstOrDefault(m => m.Role == MemberRole.Person);
        var held = CommandContext.NorwegianDate(meeting.ScheduledFor);
        string notice;
        if (meeting.InvitedAt is not { } invited)
        {
            notice = "innkalling ikke sendt ennå";
        }
        else
        {
            var days = held.DayNumber - CommandContext.NorwegianDate(invited).DayNumber;
            notice = $"innkalling sendt {Day(CommandContext.NorwegianDate(invited))}, {days} dager før"
                + (days < rules.MeetingNoticeDays ? $" – kort varsel (anbefalt minst {rules.MeetingNoticeDays} dager)" : "");
        }

        var chair = meeting.ChairId is { } c ? $"; møteleder {state.Members.GetValueOrDefault(c)?.DisplayName ?? c}" : "";
        var next = state.Meetings.Values
            .Where(m => m.Status == MeetingStatus.Scheduled && m.MeetingId != meeting.MeetingId && m.ScheduledFor >= meeting.ScheduledFor)
            .MinBy(m => m.ScheduledFor);
        return
        [
            new StandingItem("person-round", "Personens egen runde", person is null ? "Personen er ikke med i gruppen" : $"{person.DisplayName}: {notice}{chair}"),
            new StandingItem("next-meeting", "Neste møte", next is null
                ? "Ikke booket – bookes før møtet avsluttes"
                : $"Booket {Day(CommandContext.NorwegianDate(next.ScheduledFor))}: {next.Title}"),
        ];
    }

    /// <summary>The item a change belongs to, as <c>kind:id</c>; null for what is not on an agenda.</summary>
    private static string? KeyOf(CaseEventRecord r, HashSet<string> meetingMeasures, HashSet<string> meetingEncounters) => r.Event switch
    {
        CaseOpened => "case:",
        KeyDatesChanged => "dates:",
        PhaseChanged => "phase:",
        CaseMovedToUnit => "unit:",
        HomeMunicipalityChanged => "home:",
        MemberAdded x => $"member:{x.Member.UserId}",
        DeputySet x => $"member:{x.UserId}",
        MembershipEnded x => $"member:{x.UserId}",
        NeedIdentified x => $"need:{x.Code}",
        NeedAreaUpdated x => $"need:{x.Code}",
        SupportingOwnerAdded x => $"need:{x.Code}",
        SupportingOwnerRemoved x => $"need:{x.Code}",
        GoalAdded x => $"goal:{x.GoalId}",
        GoalUpdated x => $"goal:{x.GoalId}",
        MeasureAdded x when meetingMeasures.Contains(x.MeasureId) => null,
        MeasureAdded x => $"measure:{x.MeasureId}",
        MeasureUpdated x => $"measure:{x.MeasureId}",
        MeasureStatusChanged x => $"measure:{x.MeasureId}",
        ProposalSubmitted x => $"proposal:{x.ProposalId}",
        ProposalAnswered x => $"proposal:{x.ProposalId}",
        AgreementRecorded => "agreement:",
        EncounterRecorded x when meetingEncounters.Contains(x.Encounter.EncounterId) => null,
        EncounterRecorded x => $"encounter:{x.Encounter.EncounterId}",
        HandoverOffered x => $"handover:{x.HandoverId}",
        HandoverAccepted x => $"handover:{x.HandoverId}",
        OverlapEstablished x => $"handover:{x.HandoverId}",
        HandoverCompleted x => $"handover:{x.HandoverId}",
        HandoverDeclined x => $"handover:{x.HandoverId}",
        HandoverWithdrawn x => $"handover:{x.HandoverId}",
        EscalationRaised { HandoverId: { } handoverId } => $"handover:{handoverId}",
        EscalationRaised x when x.Subject.StartsWith("deadline:", StringComparison.Ordinal) => x.Subject,
        EscalationRaised x when x.Subject.StartsWith(TimeRules.ProposalSubject, StringComparison.Ordinal) => x.Subject,
        EscalationRaised x => $"escalation:{x.EscalationId}",
        ResponsibilityOverridden => $"responsibility:{r.Version}",
        MilestoneRecorded x => $"milestone:{x.Kind}",
        DeadlineMissed x => $"deadline:{x.RuleId}",
        OwnerInactive x => $"inactive:{x.UserId}",
        ReleaseExceptionRecorded x => $"exception:{x.Code}",
        CommitmentReopened x => $"measure:{x.MeasureId}",
        ApplicationStepRecorded x => $"measure:{x.MeasureId}",
        ProposalAnswerMissed x => $"proposal:{x.ProposalId}",
        ResponsibilityOrphaned x => $"orphan:{x.Subject}",
        OrphanResolved x => $"orphan:{x.Subject}",
        _ => null,
    };

    private static AgendaItem Item(string key, List<CaseEventRecord> records, Words w)
    {
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        var (kind, id) = (key[..separator], key[(separator + 1)..]);
        var events = records.Select(r => r.Event).ToList();
        var summary = kind switch
        {
            "case" => CaseSummary(events.OfType<CaseOpened>().Last()),
            "dates" => DatesSummary(events.Cast<KeyDatesChanged>().ToList()),
            "phase" => PhaseSummary(events.Cast<PhaseChanged>().ToList()),
            "unit" => $"Saken flyttet til {events.Cast<CaseMovedToUnit>().Last().UnitId}",
            "home" => HomeSummary(events.Cast<HomeMunicipalityChanged>().Last().Home),
            "member" => MemberSummary(id, events, w),
            "need" => NeedSummary(id, records, w),
            "goal" => GoalSummary(id, events, w),
            "measure" => MeasureSummary(id, events, w),
            "proposal" => ProposalSummary(id, events, w),
            "agreement" => AgreementSummary(events.Cast<AgreementRecorded>().Last(), w),
            "encounter" => EncounterSummary(events.Cast<EncounterRecorded>().Single().Encounter, w),
            "handover" => HandoverSummary(id, events, w),
            "responsibility" => OverrideSummary(events.Cast<ResponsibilityOverridden>().Single(), w),
            "milestone" => MilestoneSummary(events.Cast<MilestoneRecorded>().ToList()),
            "deadline" => DeadlineSummary(id, events),
            "inactive" => InactiveSummary(id, events.Cast<OwnerInactive>().ToList(), w),
            "orphan" => OrphanSummary(id, events, w),
            "exception" => $"{w.Area(id)}: unntak fra løslatelseskravet registrert" + (w.IsHealth(id) ? "" : $": {Quote(events.Cast<ReleaseExceptionRecorded>().Last().Reason)}"),
            _ => EscalationSummary(events.Cast<EscalationRaised>().Single(), w),
        };
        var last = records[^1];
        return new AgendaItem(last.Version, last.ActorId, last.OccurredAt, kind, summary);
    }

    private static string PhaseSummary(List<PhaseChanged> changes)
    {
        var form = changes.Select(c => c.Form).LastOrDefault(f => f is not null);
        return $"Fase endret fra {CaseTimeline.PhaseName(changes[0].Previous)} til {CaseTimeline.PhaseName(changes[^1].Phase)}"
            + (form is { } f ? $" ({CaseTimeline.ReleaseFormName(f)})" : "");
    }

    private static string OrphanSummary(string subject, List<CaseEvent> events, Words w) => events.LastOrDefault(e => e is not EscalationRaised) switch
    {
        ResponsibilityOrphaned o => $"{w.Subject(subject)}: {w.Member(o.OwnerId)} kan ikke lenger følge opp ({OrphanCauseName(o.Cause)}) – eskalert til leder",
        OrphanResolved r => $"{w.Subject(subject)}: har igjen en ansvarlig som kan følge opp",
        _ => $"{w.Subject(subject)}: eskalert til leder",
    };

    private static string OrphanCauseName(OrphanCause cause) => cause switch
    {
        OrphanCause.StaffRemoved => "ikke lenger ansatt ved enheten",
        OrphanCause.CaseMovedAway => "saken er flyttet fra enheten",
        _ => "personen har forlatt fengselet",
    };

    private static string CaseSummary(CaseOpened e) =>
        $"Sak opprettet for {e.Person.DisplayName}, koordinator {e.Creator.DisplayName}";

    private static string DatesSummary(List<KeyDatesChanged> changes)
    {
        var (from, to) = (changes[0].Previous, changes[^1].Dates);
        (string Name, DateOnly? Before, DateOnly? After)[] dates =
        [
            ("Straffestart", from.SentenceStart, to.SentenceStart),
            ("Tidligste løslatelse", from.EarliestRelease, to.EarliestRelease),
            ("Løslatelsesdato", from.ExpectedRelease, to.ExpectedRelease),
            ("Soningsslutt", from.EndOfSentence, to.EndOfSentence),
            ("Slutt på tilsyn", from.EndOfSupervision, to.EndOfSupervision),
        ];
        var changed = dates.Where(d => d.Before != d.After).Select(d => d.After is { } day ? $"{d.Name} endret til {Day(day)}" : $"{d.Name} fjernet").ToList();
        return changed.Count == 0 ? "Nøkkeldatoene ble endret og satt tilbake som før" : string.Join("; ", changed);
    }

    private static string HomeSummary(HomeMunicipality h) =>
        $"Bostedskommune: {h.RegisteredUnitId}"
        + (h.IntendedUnitId is { } intended && intended != h.RegisteredUnitId ? $", ønsket {intended}" : "")
        + (h.Disputed ? " (omstridt)" : "");

    private static string MemberSummary(string userId, List<CaseEvent> events, Words w)
    {
        var parts = new List<string>();
        if (events.OfType<MemberAdded>().LastOrDefault() is { } added)
        {
            parts.Add($"Nytt medlem: {added.Member.DisplayName} ({AgencyName(added.Member.Agency)})");
        }

        if (events.OfType<MembershipEnded>().LastOrDefault() is { } ended)
        {
            parts.Add(parts.Count == 0 ? $"{w.Member(userId)} går ut av ansvarsgruppen {Day(ended.Until)}" : $"går ut {Day(ended.Until)}");
        }

        if (events.OfType<DeputySet>().LastOrDefault() is { } deputy)
        {
            var prefix = parts.Count == 0 ? $"{w.Member(userId)}: " : "";
            parts.Add(prefix + (deputy.DeputyUserId is null ? "reservekontakt fjernet" : $"reservekontakt {w.Member(deputy.DeputyUserId)}"));
        }

        return string.Join("; ", parts);
    }

    private static string NeedSummary(string code, List<CaseEventRecord> records, Words w)
    {
        var parts = new List<string>();
        var identified = records.Select(r => r.Event).OfType<NeedIdentified>().LastOrDefault();
        if (identified is not null)
        {
            parts.Add($"behov identifisert, ansvarlig {w.Member(identified.OwnerId)}");
        }

        var updates = records.Where(r => r.Event is NeedAreaUpdated).ToList();
        if (updates.Count > 0)
        {
            var (latest, by) = ((NeedAreaUpdated)updates[^1].Event, updates[^1].ActorId);
            var times = updates.Count == 1 ? "" : $" {updates.Count} ganger, sist";
            parts.Add(w.IsPerson(by) && identified is null
                ? $"{w.Member(by)} har skrevet med egne ord"
                : $"oppdatert{times} av {w.Member(by)}, status {NeedStatusName(latest.Status)}");
        }

        // Who supports the area now, as the last change for each member left it.
        var supporters = records.Select(r => r.Event)
            .Select(e => e switch
            {
                SupportingOwnerAdded a => (a.UserId, Supports: true),
                SupportingOwnerRemoved r => (r.UserId, Supports: false),
                _ => (UserId: "", Supports: false),
            })
            .Where(s => s.UserId.Length > 0)
            .GroupBy(s => s.UserId, StringComparer.Ordinal)
            .Select(g => g.Last());
        parts.AddRange(supporters.Select(s => s.Supports ? $"{w.Member(s.UserId)} støtter" : $"{w.Member(s.UserId)} støtter ikke lenger"));
        return $"{w.Area(code)}: {string.Join("; ", parts)}";
    }

    private static string GoalSummary(string goalId, List<CaseEvent> events, Words w)
    {
        var (code, text) = events[^1] switch
        {
            GoalAdded a => (a.NeedCode, a.Text),
            GoalUpdated u => (w.GoalArea(goalId), u.Text),
            _ => ("", ""),
        };
        var what = events[^1] is GoalUpdated { Achieved: true } ? "mål nådd" : events.Any(e => e is GoalAdded) ? "nytt mål" : "mål endret";
        return $"{w.Area(code)}: {what}" + (w.IsHealth(code) ? "" : $": {Quote(text)}");
    }

    private static string MeasureSummary(string measureId, List<CaseEvent> events, Words w)
    {
        var added = events.OfType<MeasureAdded>().LastOrDefault();
        var updated = events.OfType<MeasureUpdated>().LastOrDefault();
        var status = events.OfType<MeasureStatusChanged>().LastOrDefault();
        var current = w.Measure(measureId);
        var (needs, what, owner, due) = updated is not null ? (updated.NeedCodes, updated.What, updated.OwnerId, updated.Due)
            : added is not null ? (added.NeedCodes, added.What, added.OwnerId, added.Due)
            : (current?.NeedCodes ?? [], current?.What ?? measureId, current?.OwnerId ?? "", current?.Due);
        var health = needs.Any(w.IsHealth);
        var terms = $"({w.Member(owner)}, " + (due is { } d ? $"frist {Day(d)})" : "uten frist)");
        var statusText = status is null ? null
            : MeasureStatusName(status.Status) + (status.Note is { } note && !health ? $": {Quote(note)}" : "");

        if (added is not null)
        {
            var head = health ? $"Nytt tiltak under {w.Areas(needs)} {terms}" : $"Nytt tiltak: {Quote(what)} {terms}";
            return statusText is null ? head : $"{head} – {statusText}";
        }

        var parts = new List<string>();
        if (updated is not null)
        {
            parts.Add($"endret {terms}");
        }

        if (events.OfType<ApplicationStepRecorded>().LastOrDefault() is { } application)
        {
            parts.Add($"søknad ({ApplicationOutlooks.KindName(application.Kind)}) {ApplicationStepName(application.Step)}" + (application.Date is { } on ? $" {Day(on)}" : ""));
        }

        if (events.OfType<CommitmentReopened>().LastOrDefault() is { } reopened)
        {
            parts.Add($"betinget tilsagn gjenåpnet: løslatelsen er flyttet fra {Day(reopened.WasFor)}" + (reopened.NowExpected is { } now ? $" til {Day(now)}" : ""));
        }

        if (statusText is not null)
        {
            parts.Add(statusText);
        }

        return (health ? $"Tiltak under {w.Areas(needs)}: " : $"Tiltak «{Quote(what)}»: ") + string.Join(", ", parts);
    }

    private static string ProposalSummary(string proposalId, List<CaseEvent> events, Words w)
    {
        var submitted = events.OfType<ProposalSubmitted>().LastOrDefault();
        var proposal = w.Proposal(proposalId);
        var (author, code, text) = submitted is not null
            ? (submitted.AuthorId, submitted.NeedCode, submitted.Text)
            : (proposal?.AuthorId ?? "", proposal?.NeedCode, proposal?.Text ?? "");
        var head = code is null ? $"Forslag fra {w.Member(author)}: {Quote(text)}"
            : w.IsHealth(code) ? $"Forslag fra {w.Member(author)} om {w.Area(code)}"
            : $"Forslag fra {w.Member(author)} ({w.Area(code)}): {Quote(text)}";
        var missed = events.OfType<ProposalAnswerMissed>().LastOrDefault() is { } late ? $" – ikke besvart innen {Day(late.Due)}, eskalert til leder" : "";
        return events.OfType<ProposalAnswered>().LastOrDefault() is { } answered
            ? head + (answered.Adopted ? " – tatt inn som tiltak" : " – avslått")
            : head + missed;
    }

    private static string AgreementSummary(AgreementRecorded a, Words w)
    {
        var answer = a.Answer switch
        {
            AgreementAnswer.Agree => "enig i planen",
            AgreementAnswer.Disagree => "uenig i planen",
            _ => "kunne ikke svare på planen",
        };
        return $"{w.PersonName}: {answer} (planversjon {a.PlanVersion})";
    }

    private static string EncounterSummary(Encounter e, Words w) => e.Kind == EncounterKind.GroupMeeting
        ? $"Møte i ansvarsgruppen {Day(e.Date)} ({e.Attendees.Length} deltakere)"
        : $"Kontakt med {w.PersonName}: {string.Join(", ", e.Attendees.Select(a => w.Member(a.UserId)))} {Day(e.Date)}";

    private static string HandoverSummary(string handoverId, List<CaseEvent> events, Words w)
    {
        var h = w.Handover(handoverId);
        var offered = events.OfType<HandoverOffered>().LastOrDefault();
        var subject = offered?.Subject ?? h?.Subject ?? "";
        var to = To(offered?.ToUserId ?? h?.ToUserId, offered?.ToUnitId ?? h?.ToUnitId ?? "", w);
        var planned = Day(offered?.PlannedDate ?? h?.PlannedDate ?? default);
        var health = w.IsHealth(subject);
        var escalated = events.Any(e => e is EscalationRaised) ? " – eskalert til leder" : "";
        string? what = events.LastOrDefault(e => e is not EscalationRaised) switch
        {
            HandoverCompleted c => $"ansvar overlevert til {w.Member(c.NewOwnerId)}",
            HandoverDeclined d => $"overlevering til {to} avslått" + (health ? "" : $": {Quote(d.Reason)}"),
            HandoverWithdrawn x => $"overlevering til {to} trukket tilbake" + (health ? "" : $": {Quote(x.Reason)}"),
            OverlapEstablished => $"{w.Member(h?.AcceptedById ?? "")} har møtt gruppen eller personen, overlevering planlagt {planned}",
            HandoverAccepted a => $"overlevering akseptert av {w.Member(a.AcceptedById)}, planlagt {planned}",
            HandoverOffered => $"overlevering tilbudt til {to}, planlagt {planned}",
            _ => null,
        };
        return $"{w.Subject(subject)}: " + (what is null ? "overlevering eskalert til leder" : what + escalated);
    }

    private static string MilestoneSummary(List<MilestoneRecorded> recorded) =>
        $"{CaseTimeline.MilestoneName(recorded[^1].Kind)} registrert {Day(recorded[^1].Date)}";

    private static string DeadlineSummary(string ruleId, List<CaseEvent> events)
    {
        var title = DeadlineRuleSet.Default.Find(ruleId)?.NameNb ?? ruleId;
        var missed = events.OfType<DeadlineMissed>().LastOrDefault();
        var head = missed is null ? $"Frist: {title}" : $"Frist passert: {title} (frist {Day(missed.Due)})";
        return head + (events.Any(e => e is EscalationRaised) ? " – eskalert til leder" : "");
    }

    private static string InactiveSummary(string userId, List<OwnerInactive> alerts, Words w) =>
        $"Ingen aktivitet fra {w.Member(userId)} på {alerts[^1].Days} dager (ansvarlig for {string.Join(", ", alerts.Select(a => w.Subject(a.Subject)).Distinct())})";

    private static string OverrideSummary(ResponsibilityOverridden o, Words w) =>
        $"{w.Subject(o.Subject)}: ansvar flyttet fra {w.Member(o.FromUserId)} til {w.Member(o.ToUserId)} av leder"
        + (w.IsHealth(o.Subject) ? "" : $": {Quote(o.Reason)}");

    private static string EscalationSummary(EscalationRaised e, Words w) =>
        $"{w.Subject(e.Subject)}: eskalert til leder" + (w.IsHealth(e.Subject) ? "" : $": {Quote(e.Reason)}");

    private static string To(string? userId, string unitId, Words w) => userId is null ? unitId : $"{w.Member(userId)} ({unitId})";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Free text on one line, cut to a length an agenda line can carry.</summary>
    private static string Quote(string? text)
    {
        var line = string.Join(' ', (text ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxQuote ? line : string.Concat(line.AsSpan(0, MaxQuote - 1).TrimEnd(), "…");
    }

    private static string NeedStatusName(NeedStatus status) => status switch
    {
        NeedStatus.NotAssessed => "ikke vurdert",
        NeedStatus.NeedIdentified => "behov identifisert",
        NeedStatus.InProgress => "under arbeid",
        NeedStatus.Met => "dekket",
        NeedStatus.UnavailableCapacity => "ikke tilgjengelig på grunn av kapasitet",
        _ => "avslått av personen",
    };

    private static string ApplicationStepName(ApplicationStep step) => step switch
    {
        ApplicationStep.Planned => "planlagt",
        ApplicationStep.Applied => "sendt",
        ApplicationStep.Granted => "innvilget",
        ApplicationStep.Refused => "avslått",
        ApplicationStep.Appealed => "påklaget",
        ApplicationStep.AppealGranted => "innvilget etter klage",
        _ => "avslått etter klage",
    };

    private static string MeasureStatusName(MeasureStatus status) => status switch
    {
        MeasureStatus.Proposed => "foreslått",
        MeasureStatus.ChosenByPerson => "valgt av personen",
        MeasureStatus.AcceptedByOwner => "akseptert av ansvarlig",
        MeasureStatus.Started => "startet",
        MeasureStatus.Delivered => "levert",
        _ => "avbrutt",
    };

    private static string AgencyName(Agency agency) => agency switch
    {
        Agency.Person => "personen selv",
        Agency.Prison => "fengsel",
        Agency.Friomsorg => "friomsorg",
        Agency.Municipality => "kommune",
        Agency.Nav => "NAV",
        Agency.Health => "helse",
        Agency.School => "skole",
        Agency.Ngo => "frivillig organisasjon",
        _ => "annet",
    };

    /// <summary>How the case names its people, need areas and items.</summary>
    private sealed class Words(CaseState s, NeedAreaCatalogue catalogue)
    {
        public string PersonName => s.Person.DisplayName;

        public string Member(string userId) => s.Members.GetValueOrDefault(userId)?.DisplayName ?? userId;

        public bool IsPerson(string userId) => s.Members.GetValueOrDefault(userId)?.Role == MemberRole.Person;

        public string Area(string code) => catalogue.Find(code)?.NameNb ?? code;

        public string Areas(IEnumerable<string> codes) => string.Join(", ", codes.Select(Area));

        public string Subject(string subject) =>
            subject == Responsibility.Coordinator ? "Koordinatorrollen"
            : subject.StartsWith(TimeRules.ProposalSubject, StringComparison.Ordinal) ? "Innspill"
            : Area(subject);

        public bool IsHealth(string code) => catalogue.Find(code)?.HealthSensitive == true;

        public string GoalArea(string goalId) => s.Goals.GetValueOrDefault(goalId)?.NeedCode ?? "";

        public Measure? Measure(string measureId) => s.Measures.GetValueOrDefault(measureId);

        public Proposal? Proposal(string proposalId) => s.Proposals.GetValueOrDefault(proposalId);

        public Handover? Handover(string handoverId) => s.Handovers.GetValueOrDefault(handoverId);
    }
}
