using System.Globalization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// The dates a case's deadlines count from, with the fallbacks for unknown dates (domain §4: deadlines then count
/// from the earliest possible date), each with the words that explain it. Shared by the deadline calculator, the
/// clock and the readiness assessment so all three read a case's time the same way.
/// </summary>
public sealed class CaseTimeline
{
    private readonly CaseState _s;

    /// <summary>Read the timeline of <paramref name="state"/>.</summary>
    public CaseTimeline(CaseState state)
    {
        _s = state;
        var dates = state.Dates;
        Intake = dates.SentenceStart is { } start
            ? new AnchorDate(start, $"Innkomst {Day(start)}", false)
            : new AnchorDate(NorwegianTime.DateOf(state.OpenedAt), $"Innkomst ukjent; regnet fra tidligste mulige dato, saken opprettet {Day(NorwegianTime.DateOf(state.OpenedAt))}", true);
        ExpectedRelease = dates.ExpectedRelease is { } expected
            ? new AnchorDate(expected, $"Forventet løslatelse {Day(expected)}", false)
            : dates.EarliestRelease is { } earliest
                ? new AnchorDate(earliest, $"Forventet løslatelse ukjent; tidligste løslatelse {Day(earliest)} brukt", false)
                : new AnchorDate(Intake.Date, $"Løslatelsesdato ukjent (f.eks. varetekt); regnet fra tidligste mulige dato, {(Intake.IsFallback ? "saken opprettet" : "innkomst")} {Day(Intake.Date)}", true);
        EarliestRelease = dates.EarliestRelease is { } twoThirds
            ? new AnchorDate(twoThirds, $"Tidligste løslatelse (2/3) {Day(twoThirds)}", false)
            : dates.ExpectedRelease is { } planned
                ? new AnchorDate(planned, $"Tidligste løslatelse (2/3) ukjent; forventet løslatelse {Day(planned)} brukt", false)
                : ExpectedRelease;
        Release = state.ReleasedOn is { } released ? new AnchorDate(released, $"Løslatt {Day(released)}", false) : ExpectedRelease;
        KnownRelease = state.ReleasedOn ?? dates.ExpectedRelease ?? dates.EarliestRelease;
    }

    /// <summary>Innkomst: the sentence start, or the day the case was opened when unknown.</summary>
    public AnchorDate Intake { get; }

    /// <summary>The expected release, else the earliest release, else the earliest possible date (intake).</summary>
    public AnchorDate ExpectedRelease { get; }

    /// <summary>The earliest release (2/3), else the expected release, else the earliest possible date (intake).</summary>
    public AnchorDate EarliestRelease { get; }

    /// <summary>The day the case was marked released, else <see cref="ExpectedRelease"/>.</summary>
    public AnchorDate Release { get; }

    /// <summary>The release date as far as it is known (actual, expected or earliest); null when unknown.</summary>
    public DateOnly? KnownRelease { get; }

    /// <summary>The sentence length when both its start and end are known.</summary>
    public (DateOnly Start, DateOnly End)? Sentence =>
        _s.Dates.SentenceStart is { } start && _s.Dates.EndOfSentence is { } end ? (start, end) : null;

    /// <summary>True when release comes at most <see cref="FastTrackSettings.MaxDaysToRelease"/> days after intake (an unknown release counts as at intake).</summary>
    public bool IsFastTrack(FastTrackSettings settings) => ExpectedRelease.Date.DayNumber - Intake.Date.DayNumber <= settings.MaxDaysToRelease;

    /// <summary>What a rule counts from, or null (with why) when it cannot count.</summary>
    public AnchorDate? Resolve(DeadlineAnchor anchor, MilestoneKind? milestone, DeadlineAnchor? fallback, out string? missing, Agency? agency = null)
    {
        missing = null;
        switch (anchor)
        {
            case DeadlineAnchor.ContactWithPerson:
                if (LastContactWithPerson() is { } talked)
                {
                    return new AnchorDate(talked, $"Siste samtale med personen {Day(talked)}", false);
                }

                if (fallback is { } before && Resolve(before, null, null, out missing) is { } start)
                {
                    return start with { Text = $"{start.Text} (ingen samtale med personen registrert)" };
                }

                missing = "Venter på første samtale med personen";
                return null;
            case DeadlineAnchor.AgencyJoined:
                if (_s.Members.Values.Where(m => m.Agency == agency).Select(m => (DateOnly?)m.From).Min() is { } joined)
                {
                    return new AnchorDate(joined, $"{Capital(DeadlineCalculator.AgencyName(agency!.Value))} med i ansvarsgruppen fra {Day(joined)}", false);
                }

                missing = $"Ingen fra {DeadlineCalculator.AgencyName(agency ?? Agency.Other)} i ansvarsgruppen ennå";
                return null;
            case DeadlineAnchor.Intake: return Intake;
            case DeadlineAnchor.EarliestRelease: return EarliestRelease;
            case DeadlineAnchor.ExpectedRelease: return ExpectedRelease;
            case DeadlineAnchor.Release: return Release;
            case DeadlineAnchor.EndOfSupervision:
                if (_s.Dates.EndOfSupervision is { } end)
                {
                    return new AnchorDate(end, $"Slutt på tilsyn {Day(end)}", false);
                }

                missing = "Slutt på tilsyn er ikke registrert";
                return null;
            default:
                var latest = _s.Milestones.Where(m => m.Kind == milestone).MaxBy(m => m.Date);
                if (latest is not null)
                {
                    var text = milestone == MilestoneKind.PlanReview ? $"Siste {Lower(MilestoneName(latest.Kind))}" : MilestoneName(latest.Kind);
                    return new AnchorDate(latest.Date, $"{text} {Day(latest.Date)}", false);
                }

                if (fallback is { } f && Resolve(f, null, null, out missing) is { } instead)
                {
                    return instead with { Text = $"{instead.Text} (ingen {Lower(MilestoneName(milestone!.Value))} registrert)" };
                }

                missing = $"Venter på at {Lower(MilestoneName(milestone!.Value))} blir registrert";
                return null;
        }
    }

    /// <summary>The days the person was talked with: contacts recorded with them, and group meetings they attended.</summary>
    public IEnumerable<DateOnly> ContactsWithPerson()
    {
        var person = _s.Members.Values.FirstOrDefault(m => m.Role == MemberRole.Person)?.UserId;
        return _s.Encounters
            .Where(e => e.Kind == EncounterKind.ContactWithPerson || (person is not null && e.Attendees.Any(a => a.UserId == person)))
            .Select(e => e.Date);
    }

    /// <summary>The latest conversation with the person, or null.</summary>
    public DateOnly? LastContactWithPerson() => ContactsWithPerson().Select(d => (DateOnly?)d).Max();

    /// <summary>The first day a member of <paramref name="agency"/> belonged to the group, up to <paramref name="today"/>.</summary>
    public DateOnly? FirstMemberOf(Agency agency, DateOnly today) =>
        _s.Members.Values.Where(m => m.Agency == agency && m.From <= today).Select(m => (DateOnly?)m.From).Min();

    /// <summary>The earliest recorded milestone of <paramref name="kind"/>.</summary>
    public DateOnly? FirstMilestone(MilestoneKind kind) =>
        _s.Milestones.Where(m => m.Kind == kind).Select(m => (DateOnly?)m.Date).Min();

    /// <summary>True when the coordinator is, or handed the role over from, a member of <paramref name="agency"/>.</summary>
    public bool CoordinatorWas(Agency agency) =>
        _s.Members.GetValueOrDefault(_s.CoordinatorId)?.Agency == agency
        || _s.Handovers.Values.Any(h => h.Subject == Responsibility.Coordinator && h.Status == HandoverStatus.Completed
            && _s.Members.GetValueOrDefault(h.FromUserId)?.Agency == agency);

    /// <summary>The Norwegian name of a milestone.</summary>
    public static string MilestoneName(MilestoneKind kind) => kind switch
    {
        MilestoneKind.IntakeConversation => "Innkomstsamtale",
        MilestoneKind.NeedsConversation1 => "Behovssamtale del 1",
        MilestoneKind.NeedsConversation2 => "Behovssamtale del 2",
        MilestoneKind.MunicipalityContacted => "Kommunen kontaktet",
        MilestoneKind.FriomsorgEngaged => "Friomsorgen trukket inn",
        MilestoneKind.PlanReview => "Planevaluering",
        MilestoneKind.ReleaseMeeting => "Løslatelsesmøte",
        MilestoneKind.PostReleasePlan => "Handlingsplan for prøvetiden",
        MilestoneKind.ExitConversation => "Avskjedssamtale",
        MilestoneKind.MunicipalityContactedByFriomsorg => "Friomsorgen har kontaktet kommunen",
        _ => "Ytelser avklart",
    };

    /// <summary>The Norwegian name of a phase.</summary>
    public static string PhaseName(CasePhase phase) => phase switch
    {
        CasePhase.Summoned => "innkalling",
        CasePhase.Intake => "innkomst",
        CasePhase.Serving => "soning i fengsel",
        CasePhase.Community => "soning i samfunnet",
        CasePhase.Released => "løslatt",
        CasePhase.Aftercare => "ettervern",
        _ => "avsluttet",
    };

    /// <summary>The Norwegian name of a form of release.</summary>
    public static string ReleaseFormName(ReleaseForm form) => form switch
    {
        ReleaseForm.Parole => "prøveløslatelse",
        ReleaseForm.ElectronicMonitoring => "elektronisk kontroll",
        ReleaseForm.CommunityServing => "soning i samfunnet",
        _ => "løslatelse uten tilsyn",
    };

    /// <summary>A day as it is written in reasons: <c>2026-03-01</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
