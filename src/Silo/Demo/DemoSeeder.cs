using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
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

        var grain = grains.GetGrain<ICaseGrain>(CaseId);
        if ((await grain.GetAsync(Kari, null)).State is not null)
        {
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

        await RunAsync(grain, Kari, new IdentifyNeed("housing", "u-kari", "Jeg vil ha en egen leilighet i Bergen, nær datteren min.", "Ingen bolig ved løslatelse. Tidligere kommunal leilighet sagt opp under soning."));
        await RunAsync(grain, Kari, new IdentifyNeed("income-debt", "u-nora", "Jeg må ha penger til husleie og mat fra første dag.", "Ingen inntekt ved løslatelse; gjeld til Statens innkrevingssentral."));
        await RunAsync(grain, Kari, new IdentifyNeed("work", "u-nora", "Jeg vil jobbe som snekker igjen.", "Fagbrev i tømrerfaget; har jobbet i verkstedet i fengselet."));
        await RunAsync(grain, Kari, new IdentifyNeed("network", "u-lars", "Jeg vil ha kontakt med datteren min.", null));
        await RunAsync(grain, Kari, new AddGoal("housing", "Egen bolig klar dagen han løslates."));
        await RunAsync(grain, Kari, new AddGoal("income-debt", "Vedtak om økonomisk stønad før løslatelse, og en nedbetalingsplan for gjelden."));
        await RunAsync(grain, Kari, new AddMeasure(["housing"], "Søknad om kommunal bolig sendes boligkontoret", "Han har ingen bolig å komme til.", "u-ingrid", today.AddDays(7), "Leieavtale avhenger av løslatelsesdato"));
        await RunAsync(grain, Kari, new AddMeasure(["income-debt"], "Søknad om økonomisk sosialhjelp og avtale om møte på NAV", "Ingen inntekt fra løslatelsesdagen.", "u-nora", today.AddDays(21), null));
        await RunAsync(grain, Kari, new AddMeasure(["work", "income-debt"], "Kartlegge arbeidsevne og muligheter for arbeidstrening", "Fagbrev som tømrer.", "u-nora", release.AddDays(14), null));
        await RunAsync(grain, new ActorRef("u-ola", "Ola Nordmann"), new SubmitProposal("network", "Kan jeg få hjelp til å avtale besøk med datteren min før løslatelsen?"));
        await RunAsync(grain, Nora, new RecordEncounter(EncounterKind.GroupMeeting, today, [new Attendee("u-kari", Attendance.Physical), new Attendee("u-ola", Attendance.Physical), new Attendee("u-lars", Attendance.Digital), new Attendee("u-nora", Attendance.Digital), new Attendee("u-ingrid", Attendance.Digital)], "Innkomstmøte: behov kartlagt, neste møte avtalt."));

        // The handover of housing to the municipality: offered, not yet accepted — the demo's open question.
        await RunAsync(grain, Kari, new OfferHandover("housing", "bergen-kommune", null, release.AddDays(-14), "Trenger bolig fra løslatelsesdagen. Søknad sendes denne uka."));
        LogSeeded(logger, CaseId);
    }

    private async Task UnitAsync(string unitId, string name, Agency agency, params (string UserId, string Name, bool Leader)[] staff)
    {
        var unit = grains.GetGrain<IUnitGrain>(unitId);
        await unit.DefineAsync(name, agency);
        foreach (var (userId, displayName, leader) in staff)
        {
            await unit.SetStaffAsync(new UnitStaff(userId, displayName, leader));
        }
    }

    private static async Task RunAsync(ICaseGrain grain, ActorRef actor, CaseCommand command)
    {
        var result = await grain.ExecuteAsync(command, actor);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"Demo step {command.GetType().Name} was refused: {error.Code}: {error.Detail}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case {CaseId} loaded")]
    private static partial void LogSeeded(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case {CaseId} is already there")]
    private static partial void LogAlreadySeeded(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
