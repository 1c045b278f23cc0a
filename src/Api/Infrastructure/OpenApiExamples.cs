using System.Collections.Frozen;
using CaseGrid.Api.Endpoints;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Api.Infrastructure;

/// <summary>
/// A request body for every write of the API, as the OpenAPI document shows it: the demo case of Ola Nordmann at
/// Bergen fengsel and his ansvarsgruppe (Kari Nilsen, Lars Berg, Ingrid Dahl, Nora Lie) — made-up people, no real ones.
/// Typed, so an example breaks the build when its request changes.
/// </summary>
public static class OpenApiExamples
{
    private static readonly DateOnly Release = new(2026, 6, 12);

    /// <summary>The example body of each request type.</summary>
    public static FrozenDictionary<Type, object> Bodies { get; } = new object[]
    {
        // Cases
        new OpenCase(
            new PersonRef("P-7F3K2", "Ola Nordmann"),
            CasePhase.Serving,
            "fengsel-bergen",
            new HomeMunicipality("bergen-kommune"),
            new KeyDates(new DateOnly(2025, 8, 25), Release, Release, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)),
            MemberRole.Kontaktbetjent),
        new SetKeyDates(new KeyDates(new DateOnly(2025, 8, 25), Release, Release.AddDays(14), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)), 12),
        new ChangePhase(CasePhase.Community, ReleaseForm.Parole),
        new MoveCase("fengsel-bjorgvin"),
        new SetHomeMunicipality(new HomeMunicipality("bergen-kommune", "askoy-kommune", Disputed: true)),

        // Ansvarsgruppe
        new AddMember("u-lars", "Lars Berg", MemberRole.FriomsorgOfficer, Agency.Friomsorg, "friomsorg-bergen", null),
        new EndMembershipRequest(Release.AddDays(30)),
        new SetDeputyRequest("u-lars"),
        new RecordEncounter(
            EncounterKind.GroupMeeting,
            new DateOnly(2026, 3, 4),
            [new Attendee("u-kari", Attendance.Physical), new Attendee("u-ola", Attendance.Physical), new Attendee("u-nora", Attendance.Digital)],
            "Innkomstmøte: behov kartlagt, neste møte avtalt."),

        // Plan
        new IdentifyNeedRequest("u-kari", "Jeg vil ha en egen leilighet i Bergen, nær datteren min.", "Ingen bolig ved løslatelse. Tidligere kommunal leilighet sagt opp under soning."),
        new UpdateNeedRequest(7, "Jeg vil ha en egen leilighet i Bergen, nær datteren min.", "Søknad om kommunal bolig er sendt; svar ventes innen fire uker.", NeedStatus.InProgress),
        new UserRequest("u-ingrid"),
        new AddGoal("housing", "Egen bolig klar dagen han løslates."),
        new UpdateGoalRequest(3, "Egen bolig klar dagen han løslates, med depositum ordnet.", false),
        new AddMeasure(["housing"], "Søknad om kommunal bolig sendes boligkontoret", "Han har ingen bolig å komme til.", "u-ingrid", new DateOnly(2026, 3, 20), "Leieavtale avhenger av løslatelsesdato", Release),
        new UpdateMeasureRequest(4, ["housing", "income-debt"], "Søknad om kommunal bolig og bostøtte sendes boligkontoret", "Han har ingen bolig å komme til.", "u-ingrid", new DateOnly(2026, 3, 27), null),
        new MeasureStatusRequest(5, MeasureStatus.Started, "Søknaden er sendt."),
        new ApplicationStepRequest(ApplicationStep.Applied, new DateOnly(2026, 3, 20), ApplicationKind.Housing, "Bergen kommune, boligkontoret", "Saksnummer 26/1187"),
        new SubmitProposal("network", "Kan jeg få hjelp til å avtale besøk med datteren min før løslatelsen?"),
        new AnswerProposalRequest(true, "Friomsorgen tar kontakt med barnevernet og avtaler et besøk.", "u-lars", new DateOnly(2026, 4, 15)),
        new RecordAgreement(14, AgreementAnswer.Agree, "Jeg er enig i planen."),

        // Consent
        new RecordConsent([Contracts.Privacy.ConsentScope.PlanSharing, Contracts.Privacy.ConsentScope.ObtainInformation], "Kartleggingssamtale 4. mars", Release.AddDays(365)),
        new LimitSharing([Agency.School], "Ola vil ikke at skolen skal se planen."),
        new RequestInformation(Agency.Nav, "Vedtak om arbeidsavklaringspenger fra 2024"),
        new RejectPrivacyRequestBody("Jeg har ikke sagt ja til dette."),

        // Handovers
        new OfferHandover("housing", "bergen-kommune", null, Release.AddDays(-14), "Trenger bolig fra løslatelsesdagen. Søknad sendes denne uka."),
        new ReasonRequest("Kommunen har ikke kapasitet før i august; vi foreslår et nytt møte."),
        new OverrideRequest("u-ingrid", "Koordinator er sykmeldt; boligansvaret flyttes til kommunen nå."),
        new NoteRequest("Avtalt med boligkontoret at de vurderer saken på nytt innen fredag."),

        // Meetings
        new ScheduleMeeting(
            new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.FromHours(2)), "Ansvarsgruppemøte før løslatelse", [], "Bergen fengsel, møterom 2",
            "https://video.example.no/ansvarsgruppe-ola", "u-ola"),
        new InvitationRequest(["u-kari", "u-lars", "u-ingrid", "u-nora"], "Bergen fengsel, møterom 2", "https://video.example.no/ansvarsgruppe-ola", "u-ola"),
        new GuestRequest("Amina Yusuf", Contracts.Meetings.GuestRole.Interpreter),
        new CloseRequest(null),
        new AttendanceRequest(Attendance.Digital),
        new MinutesRequest(2, "Gjennomgang av planen. Bolig: søknad sendt. Økonomi: møte på NAV avtalt."),
        new DecisionRequest("NAV avtaler møte om økonomisk stønad før løslatelsen.", ["income-debt"], "u-nora", new DateOnly(2026, 5, 1)),

        // Time
        new RecordMilestone(MilestoneKind.MunicipalityContacted, new DateOnly(2026, 3, 2), "Boligkontoret ringt og søknad avtalt."),
        new AcknowledgeKeyDates(3),
        new RecordReleaseException("housing", "Midlertidig plass på hospits er avtalt til kommunal bolig er klar."),
        new UpdateFirstDaysItem("first-days-housing", true, "Nøkler hentet på boligkontoret."),

        // Rule sets
        new DryRunRequest(
            System.Text.Json.JsonDocument.Parse("""{ "version": "2026.3", "origin": "God Løsladelse-kjøreplanen (000:1502-1721), tilpasset: behovssamtale innen 10 dager.", "rules": [] }""").RootElement,
            new DateOnly(2026, 9, 1),
            "Behovssamtalen flyttes til innen 10 dager etter innkomst."),
        new PublishRequest("dryrun-3f9a1c2b7d4e"),

        // Units
        new DefineUnitRequest("Bergen kommune, boligkontoret", Agency.Municipality, "Bergen"),
        new SetStaffRequest("Ingrid Dahl", false, "ingrid.dahl@bergen.kommune.example"),

        // Me
        new Contracts.Work.NotificationSettings("ingrid.dahl@bergen.kommune.example", [Contracts.Work.WorkItemKind.DeadlineDue]),

        // Development issuer
        new DevTokenRequest("u-kari", "Kari Nilsen", null, null),
    }.ToFrozenDictionary(b => b.GetType());
}
