using CaseGrid.Contracts.Privacy;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Silo.Demo;

/// <summary>
/// Loads a realistic demo through the same grain commands users issue: a person in Bergen prison released in about
/// six weeks, an ansvarsgruppe of kontaktbetjent, friomsorg officer, municipal housing caseworker, NAV advisor and
/// the person, a plan with owners, and a housing handover to the municipality offered but not yet accepted.
/// Loading twice changes nothing.
/// </summary>
internal sealed partial class DemoSeeder(IGrainFactory grains, TimeProvider clock, ILogger<DemoSeeder> logger) : BackgroundService
{
    /// <summary>The demo case's id.</summary>
    public const string CaseId = "case-demo-ola";

    private static readonly ActorRef Kari = new("u-kari", "Kari Nilsen");
    private static readonly ActorRef Nora = new("u-nora", "Nora Lie");
    private static readonly ActorRef Ola = new("u-ola", "Ola Nordmann");
    private static readonly ActorRef Lars = new("u-lars", "Lars Berg");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SeedAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSeedFailed(logger, e);
        }
    }

    private async Task SeedAsync()
    {
        await UnitAsync("fengsel-bergen", "Bergen fengsel", Agency.Prison, ("u-kari", "Kari Nilsen", false), ("u-per", "Per Hansen", true));
        await UnitAsync("friomsorg-bergen", "Friomsorgskontoret i Bergen", Agency.Friomsorg, ("u-lars", "Lars Berg", false), ("u-mette", "Mette Aas", true));
        await UnitAsync("bergen-kommune", "Bergen kommune, boligkontoret", Agency.Municipality, ("u-ingrid", "Ingrid Dahl", false), ("u-sofie", "Sofie Strand", false), ("u-arne", "Arne Vik", true));
        await UnitAsync("nav-bergen", "NAV Bergenhus", Agency.Nav, ("u-nora", "Nora Lie", false), ("u-jon", "Jon Moe", true));
        await UnitAsync("helse-bergen", "Bergen kommune, rus- og psykisk helsetjeneste", Agency.Health, ("u-hilde", "Hilde Sørensen", false));
        await UnitAsync("fengsel-bjorgvin", "Bjørgvin fengsel", Agency.Prison, ("u-siri", "Siri Aasen", true));

        var grain = grains.Case(CaseId);
        if ((await grain.GetAsync(Kari, null)).State is not null)
        {
            // A database from before the board and release cases were added still gets them.
            await SeedBoardAsync(NorwegianTime.DateOf(clock.GetUtcNow()));
            await SeedReleasesAsync(NorwegianTime.DateOf(clock.GetUtcNow()));
            LogAlreadySeeded(logger, CaseId);
            return;
        }

        var today = NorwegianTime.DateOf(clock.GetUtcNow());
        var release = today.AddDays(42);
        await RunAsync(grain, Kari, new OpenCase(
            new PersonRef("P-7F3K2", "Ola Nordmann"),
            CasePhase.Serving,
            "fengsel-bergen",
            new HomeMunicipality("bergen-kommune"),
            new KeyDates(today.AddDays(-290), release, release, today.AddDays(180), today.AddDays(180)),
            MemberRole.Kontaktbetjent));

        await RunAsync(grain, Kari, new AddMember("u-lars", "Lars Berg", MemberRole.FriomsorgOfficer, Agency.Friomsorg, "friomsorg-bergen", null));
        await RunAsync(grain, Kari, new AddMember("u-ingrid", "Ingrid Dahl", MemberRole.MunicipalCaseworker, Agency.Municipality, "bergen-kommune", null));
        await RunAsync(grain, Kari, new AddMember("u-nora", "Nora Lie", MemberRole.NavAdvisor, Agency.Nav, "nav-bergen", null));
        await RunAsync(grain, Kari, new AddMember("u-ola", "Ola Nordmann", MemberRole.Person, Agency.Person, null, null));
        await RunAsync(grain, Kari, new SetDeputy("u-kari", "u-lars"));
        // Kari records Ola's consent on his word in the needs conversation; it takes effect when Ola confirms it.
        await RunAsync(grain, Kari, new RecordConsent([ConsentScope.PlanSharing, ConsentScope.PartnerSystems], "Samtykke gitt i kartleggingssamtalen"));
        await ConfirmWaitingAsync(grain, Ola);
        await RunAsync(grain, Kari, new AddMember("u-hilde", "Hilde Sørensen", MemberRole.HealthWorker, Agency.Health, "helse-bergen", null));

        await RunAsync(grain, Kari, new IdentifyNeed("housing", "u-kari", "Jeg vil ha en egen leilighet i Bergen, nær datteren min.", "Ingen bolig ved løslatelse. Tidligere kommunal leilighet sagt opp under soning."));
        await RunAsync(grain, Kari, new IdentifyNeed("income-debt", "u-nora", "Jeg må ha penger til husleie og mat fra første dag.", "Ingen inntekt ved løslatelse; gjeld til Statens innkrevingssentral."));
        await RunAsync(grain, Kari, new IdentifyNeed("work", "u-nora", "Jeg vil jobbe som snekker igjen.", "Fagbrev i tømrerfaget; har jobbet i verkstedet i fengselet."));
        await RunAsync(grain, Kari, new IdentifyNeed("network", "u-lars", "Jeg vil ha kontakt med datteren min.", null));
        await RunAsync(grain, Kari, new IdentifyNeed("substance-use", "u-hilde", "Jeg vil holde meg rusfri når jeg kommer ut.", "Opioidavhengighet; i LAR-behandling i fengselet. Behandlingen må fortsette uten opphold."));
        await RunAsync(grain, Kari, new AddMeasure(["substance-use"], "Videreføre LAR-behandling fra løslatelsesdagen, med første utlevering avtalt", "Avbrudd gir høy risiko for tilbakefall og overdose.", "u-hilde", today.AddDays(28), null));
        await RunAsync(grain, Kari, new AddGoal("housing", "Egen bolig klar dagen han løslates."));
        await RunAsync(grain, Kari, new AddGoal("income-debt", "Vedtak om økonomisk stønad før løslatelse, og en nedbetalingsplan for gjelden."));
        await RunAsync(grain, Kari, new AddMeasure(["housing"], "Søknad om kommunal bolig sendes boligkontoret", "Han har ingen bolig å komme til.", "u-ingrid", today.AddDays(7), "Leieavtale avhenger av løslatelsesdato"));
        await RunAsync(grain, Kari, new AddMeasure(["income-debt"], "Søknad om økonomisk sosialhjelp og avtale om møte på NAV", "Ingen inntekt fra løslatelsesdagen.", "u-nora", today.AddDays(21), null));
        await RunAsync(grain, Kari, new AddMeasure(["work", "income-debt"], "Kartlegge arbeidsevne og muligheter for arbeidstrening", "Fagbrev som tømrer.", "u-nora", release.AddDays(14), null));
        await RunAsync(grain, Ola, new SubmitProposal("network", "Kan jeg få hjelp til å avtale besøk med datteren min før løslatelsen?"));
        await RunAsync(grain, Nora, new RecordEncounter(EncounterKind.GroupMeeting, today, [new Attendee("u-kari", Attendance.Physical), new Attendee("u-ola", Attendance.Physical), new Attendee("u-lars", Attendance.Digital), new Attendee("u-nora", Attendance.Digital), new Attendee("u-ingrid", Attendance.Digital)], "Innkomstmøte: behov kartlagt, neste møte avtalt."));

        // The handover of housing to the municipality: offered, not yet accepted — the demo's open question.
        await RunAsync(grain, Kari, new OfferHandover("housing", "bergen-kommune", null, release.AddDays(-14), "Trenger bolig fra løslatelsesdagen. Søknad sendes denne uka."));
        await SeedBoardAsync(today);
        await SeedReleasesAsync(today);
        LogSeeded(logger, CaseId);
    }

    /// <summary>
    /// Cases after the release gate (domain §4, §6, §8): Mona Sæther out on parole today with friomsorg as her
    /// coordinator; Erik Solberg released in full today, his case moved to the municipality that coordinates it; and
    /// Tor Hagen, whose housing owner has left the municipality's staff — an orphaned area, flagged and escalated.
    /// </summary>
    private async Task SeedReleasesAsync(DateOnly today)
    {
        if ((await grains.Case("case-demo-mona").GetAsync(Kari, null)).State is not null)
        {
            return;
        }

        var lars = new ActorRef("u-lars", "Lars Berg");
        var ingrid = new ActorRef("u-ingrid", "Ingrid Dahl");
        var hilde = new ActorRef("u-hilde", "Hilde Sørensen");
        var group = new (string, MemberRole, Agency, string)[]
        {
            ("u-lars", MemberRole.FriomsorgOfficer, Agency.Friomsorg, "friomsorg-bergen"),
            ("u-ingrid", MemberRole.MunicipalCaseworker, Agency.Municipality, "bergen-kommune"),
            ("u-nora", MemberRole.NavAdvisor, Agency.Nav, "nav-bergen"),
            ("u-hilde", MemberRole.HealthWorker, Agency.Health, "helse-bergen"),
        };

        // Parole with supervision: housing secured, income decided, health held outside the prison, the coordinator
        // role accepted by friomsorg (which has met her), the exit conversation held — and out she goes today.
        var mona = await OpenAsync("case-demo-mona", "Mona Sæther", today.AddDays(-240), today, today, supervisedDays: 180);
        await JoinAsync(mona, group);
        await ConfirmWaitingAsync(mona, lars);
        await ReadyForReleaseAsync(mona, ingrid, hilde, today, "Hybel i Sandviken fra løslatelsesdagen, leieavtale signert.");
        var offered = await RunAsync(mona, Kari, new OfferHandover(Responsibility.Coordinator, "friomsorg-bergen", "u-lars", today, "Prøveløslatelse med tilsyn; friomsorgen koordinerer prøvetiden."));
        await RunAsync(mona, lars, new AcceptHandover(((HandoverOffered)offered.Events.Single().Event).HandoverId));
        await RunAsync(mona, lars, new RecordEncounter(EncounterKind.ContactWithPerson, today, [new Attendee("u-lars", Attendance.Physical)], "Første samtale om vilkårene for prøvetiden."));
        await RunAsync(mona, Kari, new ChangePhase(CasePhase.Community, ReleaseForm.Parole));

        // A full-time release: the municipality takes the coordinator role, and the case moves there.
        var erik = await OpenAsync("case-demo-erik", "Erik Solberg", today.AddDays(-75), today, today, supervisedDays: 0);
        await JoinAsync(erik, group);
        await ConfirmWaitingAsync(erik, lars);
        await ReadyForReleaseAsync(erik, ingrid, hilde, today, "Kommunal leilighet på Laksevåg fra løslatelsesdagen.");
        var toMunicipality = await RunAsync(erik, Kari, new OfferHandover(Responsibility.Coordinator, "bergen-kommune", "u-ingrid", today, "Ingen tilsyn etter løslatelsen; kommunen koordinerer."));
        await RunAsync(erik, ingrid, new AcceptHandover(((HandoverOffered)toMunicipality.Events.Single().Event).HandoverId));
        await RunAsync(erik, Kari, new RecordEncounter(EncounterKind.GroupMeeting, today, [new Attendee("u-kari", Attendance.Physical), new Attendee("u-ingrid", Attendance.Digital)], "Løslatelsesmøte."));
        await RunAsync(erik, Kari, new ChangePhase(CasePhase.Released, ReleaseForm.FullTime));
        await RunAsync(erik, ingrid, new MoveCase("bergen-kommune"));

        // An orphaned area: Tone owned Tor's housing for the municipality and has left its staff.
        var tone = new ActorRef("u-tone", "Tone Berg");
        var kommune = grains.Unit("bergen-kommune");
        await kommune.SetStaffAsync(new UnitStaff(tone.UserId, tone.DisplayName, false));
        var tor = await OpenAsync("case-demo-tor", "Tor Hagen", today.AddDays(-150), today.AddDays(35), today, supervisedDays: 120);
        await JoinAsync(tor, ("u-tone", MemberRole.MunicipalCaseworker, Agency.Municipality, "bergen-kommune"));
        await ConfirmWaitingAsync(tor, tone);
        await RunAsync(tor, Kari, new IdentifyNeed("housing", "u-tone", "Jeg trenger et sted å bo når jeg kommer ut.", "Søknad om kommunal bolig påbegynt."));
        await kommune.RemoveStaffAsync(tone.UserId);

        // The unit has told the case; evaluating time now asks again, so the flag is there whatever the order of messages.
        await tor.EvaluateTimeAsync();
    }

    /// <summary>What the release gate asks, in place: housing secured, benefits decided, health held outside the prison, the exit conversation held.</summary>
    private static async Task ReadyForReleaseAsync(ICaseGrain grain, ActorRef ingrid, ActorRef hilde, DateOnly today, string home)
    {
        var nora = new ActorRef("u-nora", "Nora Lie");
        await RunAsync(grain, Kari, new IdentifyNeed("housing", "u-ingrid", "Jeg vil ha et eget sted å bo.", home));
        var housing = (await grain.GetAsync(ingrid, null)).State!.NeedAreas["housing"];
        await RunAsync(grain, ingrid, new UpdateNeedArea("housing", housing.Version, housing.OwnWords, housing.Assessment, Contracts.Plan.NeedStatus.Met));
        await RunAsync(grain, Kari, new IdentifyNeed("income-debt", "u-nora", null, "Arbeidsavklaringspenger innvilget fra løslatelsesdagen."));
        await RunAsync(grain, nora, new RecordMilestone(Contracts.Time.MilestoneKind.BenefitsDecided, today, "Vedtak om AAP."));
        foreach (var health in new[] { "physical-health", "mental-health", "substance-use" })
        {
            await RunAsync(grain, Kari, new IdentifyNeed(health, "u-hilde", null, null));
        }

        await RunAsync(grain, hilde, new RecordMilestone(Contracts.Time.MilestoneKind.NeedsConversation1, today, null));
        await RunAsync(grain, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.ExitConversation, today, "Gikk gjennom planen og de første dagene."));
    }

    /// <summary>
    /// More cases so the boards show every state: on track, amber, overdue, and a critical area with no owner
    /// outside the prison shortly before release.
    /// </summary>
    private async Task SeedBoardAsync(DateOnly today)
    {
        if ((await grains.Case("case-demo-per").GetAsync(Kari, null)).State is not null)
        {
            return;
        }

        var ingrid = new ActorRef("u-ingrid", "Ingrid Dahl");

        // On track: released in ten weeks, owners outside the prison, the needs conversations held.
        var per = await OpenAsync("case-demo-per", "Per Olsen", today.AddDays(-200), today.AddDays(70), today);
        await JoinAsync(per, ("u-lars", MemberRole.FriomsorgOfficer, Agency.Friomsorg, "friomsorg-bergen"), ("u-ingrid", MemberRole.MunicipalCaseworker, Agency.Municipality, "bergen-kommune"), ("u-nora", MemberRole.NavAdvisor, Agency.Nav, "nav-bergen"));
        await RunAsync(per, Kari, new ScheduleMeeting(clock.GetUtcNow().AddDays(14), "Ansvarsgruppemøte", [], "Bergen fengsel, møterom 2", null));
        await ConfirmWaitingAsync(per, Lars);
        await RunAsync(per, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.IntakeConversation, today.AddDays(-195), null));
        await RunAsync(per, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.NeedsConversation1, today.AddDays(-194), null));
        await RunAsync(per, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.NeedsConversation2, today.AddDays(-180), null));
        await RunAsync(per, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.PlanReview, today.AddDays(-20), null));
        await RunAsync(per, Kari, new IdentifyNeed("housing", "u-ingrid", "Jeg vil bo hos broren min først.", "Avtale om bolig hos bror; kommunen følger opp."));
        await RunAsync(per, Kari, new IdentifyNeed("income-debt", "u-nora", null, "Søknad om arbeidsavklaringspenger sendt."));
        foreach (var health in new[] { "physical-health", "mental-health", "substance-use" })
        {
            // Assessed with friomsorg: no need in these areas, so nothing critical is left without an owner. Lars, who
            // owns them, marks them met: health details are withheld from Kari, so she may not edit them. Neither reads
            // the assessment back (it is withheld from both), so it is written again as it was.
            const string assessment = "Vurdert i behovssamtalen: ikke behov nå.";
            await RunAsync(per, Kari, new IdentifyNeed(health, "u-lars", null, assessment));
            var area = (await per.GetAsync(Lars, null)).State!.NeedAreas[health];
            await RunAsync(per, Lars, new UpdateNeedArea(health, area.Version, null, assessment, Contracts.Plan.NeedStatus.Met));
        }

        await RunAsync(per, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.MunicipalityContacted, today.AddDays(-150), null));
        await RunAsync(per, Kari, new RecordMilestone(Contracts.Time.MilestoneKind.FriomsorgEngaged, today.AddDays(-20), null));
        await RunAsync(per, Lars, new SubmitProposal("network", "Besøk av broren før løslatelsen."));

        // Amber: released in three weeks; housing taken over by the municipality, income still only in progress.
        var anne = await OpenAsync("case-demo-anne", "Anne Berg", today.AddDays(-120), today.AddDays(21), today);
        await JoinAsync(anne, ("u-lars", MemberRole.FriomsorgOfficer, Agency.Friomsorg, "friomsorg-bergen"), ("u-nora", MemberRole.NavAdvisor, Agency.Nav, "nav-bergen"));
        await ConfirmWaitingAsync(anne, Lars);
        await RunAsync(anne, Kari, new IdentifyNeed("housing", "u-kari", "Jeg trenger et sted å bo.", "Ingen bolig."));
        await RunAsync(anne, Kari, new IdentifyNeed("income-debt", "u-nora", null, "Sosialhjelp søkt; vedtak ventes."));
        var offered = await RunAsync(anne, Kari, new OfferHandover("housing", "bergen-kommune", null, today, "Kommunal bolig er lovet fra løslatelsen."));
        var housing = ((HandoverOffered)offered.Events.Single().Event).HandoverId;
        await RunAsync(anne, ingrid, new AcceptHandover(housing));
        await RunAsync(anne, Kari, new RecordEncounter(EncounterKind.GroupMeeting, today, [new Attendee("u-kari", Attendance.Physical), new Attendee("u-ingrid", Attendance.Digital)], "Overføringsmøte om bolig."));
        await RunAsync(anne, ingrid, new CompleteHandover(housing));

        // Overdue: a short sentence that arrived three weeks ago, with no needs conversation yet (fast track).
        await OpenAsync("case-demo-jonas", "Jonas Lund", today.AddDays(-21), today.AddDays(60), today);

        // Unowned: released in ten days, income and debt still owned by the prison.
        var siv = await OpenAsync("case-demo-siv", "Siv Hauge", today.AddDays(-300), today.AddDays(10), today);
        await JoinAsync(siv, ("u-lars", MemberRole.FriomsorgOfficer, Agency.Friomsorg, "friomsorg-bergen"));
        await ConfirmWaitingAsync(siv, Lars);
        await RunAsync(siv, Kari, new IdentifyNeed("income-debt", "u-kari", "Jeg har gjeld og ingen penger.", "Ingen søknad sendt ennå."));
        await RunAsync(siv, Kari, new OfferHandover("income-debt", "nav-bergen", null, today.AddDays(7), "Trenger vedtak før løslatelsen."));
    }

    private async Task<ICaseGrain> OpenAsync(string caseId, string name, DateOnly start, DateOnly release, DateOnly today, int supervisedDays = 120)
    {
        var grain = grains.Case(caseId);
        await RunAsync(grain, Kari, new OpenCase(
            new PersonRef($"P-{caseId[10..]}", name), CasePhase.Serving, "fengsel-bergen", new HomeMunicipality("bergen-kommune"),
            new KeyDates(start, release, release, release.AddDays(120), supervisedDays > 0 ? release.AddDays(supervisedDays) : null), MemberRole.Kontaktbetjent));
        // Recorded on the person's word; a second member confirms it once one joins (Jonas's case has none yet, so it waits).
        await RunAsync(grain, Kari, new RecordConsent([ConsentScope.PlanSharing], "Samtykke gitt i kartleggingssamtalen"));
        return grain;
    }

    /// <summary>Confirm, as <paramref name="confirmer"/>, what waits for confirmation in the case.</summary>
    private static async Task ConfirmWaitingAsync(ICaseGrain grain, ActorRef confirmer)
    {
        foreach (var request in (await grain.GetAsync(confirmer, null)).State!.PrivacyRequests.Keys)
        {
            await RunAsync(grain, confirmer, new ConfirmPrivacyRequest(request));
        }
    }

    private static async Task JoinAsync(ICaseGrain grain, params (string UserId, MemberRole Role, Agency Agency, string UnitId)[] members)
    {
        foreach (var (userId, role, agency, unitId) in members)
        {
            await RunAsync(grain, Kari, new AddMember(userId, Api.Auth.DemoUsers.Names[userId], role, agency, unitId, null));
        }
    }

    private async Task UnitAsync(string unitId, string name, Agency agency, params (string UserId, string Name, bool Leader)[] staff)
    {
        var unit = grains.Unit(unitId);
        await unit.DefineAsync(name, agency);
        foreach (var (userId, displayName, leader) in staff)
        {
            await unit.SetStaffAsync(new UnitStaff(userId, displayName, leader));
        }
    }

    private static async Task<CommandResult> RunAsync(ICaseGrain grain, ActorRef actor, CaseCommand command)
    {
        var result = await grain.ExecuteAsync(command, actor);
        return result.Error is { } error
            ? throw new InvalidOperationException($"Demo step {command.GetType().Name} was refused: {error.Code}: {error.Detail}")
            : result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case {CaseId} loaded")]
    private static partial void LogSeeded(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case {CaseId} is already there")]
    private static partial void LogAlreadySeeded(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
