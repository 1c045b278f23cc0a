using System.Text.Json;
using CaseGrid.Contracts.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CaseGrid.Silo.Demo;

/// <summary>
/// Loads a realistic demo through the same REST API the web app uses — HTTP to this host, with tokens from its
/// development issuer — so the demo proves the app's own path: units with their municipality and staff (with e-mail
/// addresses) defined by an administrator; a person in Bergen prison released in about six weeks, an ansvarsgruppe of
/// kontaktbetjent, friomsorg officer, municipal housing caseworker, NAV advisor, health worker and the person, a plan
/// with owners, and a housing handover to the municipality offered but not yet accepted; and four more cases so the
/// boards show every state. Loading twice changes nothing.
/// </summary>
internal sealed partial class DemoSeeder(
    IServer server, IHostApplicationLifetime lifetime, IOptions<SiloOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger) : BackgroundService
{
    /// <summary>The demo case's id.</summary>
    public const string CaseId = "case-demo-ola";

    private static readonly string[] GroupAndSystems = ["PlanSharing", "PartnerSystems"];
    private static readonly string[] GroupOnly = ["PlanSharing"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The API answers only once the host has started.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            using var api = new DemoApi(options.Value.DemoApiUrl is { } url ? new Uri(url) : OwnAddress(), stoppingToken);
            await api.ReadyAsync(TimeSpan.FromMinutes(3));
            await SeedAsync(api, NorwegianTime.DateOf(clock.GetUtcNow()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSeedFailed(logger, e);
        }
    }

    /// <summary>Where this host serves HTTP, as a client on the same machine reaches it.</summary>
    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host serves no HTTP address, so the demo cannot be loaded through the API.");
        return new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal));
    }

    private async Task SeedAsync(DemoApi api, DateOnly today)
    {
        await UnitAsync(api, "fengsel-bergen", "Bergen fengsel", "Prison", ("u-kari", false), ("u-per", true));
        await UnitAsync(api, "friomsorg-bergen", "Friomsorgskontoret i Bergen", "Friomsorg", ("u-lars", false), ("u-mette", true));
        await UnitAsync(api, "bergen-kommune", "Bergen kommune, boligkontoret", "Municipality", ("u-ingrid", false), ("u-sofie", false), ("u-arne", true));
        await UnitAsync(api, "nav-bergen", "NAV Bergenhus", "Nav", ("u-nora", false), ("u-jon", true));
        await UnitAsync(api, "helse-bergen", "Bergen kommune, rus- og psykisk helsetjeneste", "Health", ("u-hilde", false));

        if (await api.ExistsAsync("u-kari", CaseId))
        {
            // A database from before the board and release cases were added still gets them.
            await SeedBoardAsync(api, today);
            await SeedReleasesAsync(api, today);
            LogAlreadySeeded(logger, CaseId);
            return;
        }

        var release = today.AddDays(42);
        var ola = $"/api/v1/cases/{CaseId}";
        await api.PutAsync("u-kari", ola, OpenCase("P-7F3K2", "Ola Nordmann", today.AddDays(-290), release, today.AddDays(180)));
        await Member(api, CaseId, "u-lars", "FriomsorgOfficer", "Friomsorg", "friomsorg-bergen");
        await Member(api, CaseId, "u-ingrid", "MunicipalCaseworker", "Municipality", "bergen-kommune");
        await Member(api, CaseId, "u-nora", "NavAdvisor", "Nav", "nav-bergen");
        await Member(api, CaseId, "u-ola", "Person", "Person", null);
        await api.PutAsync("u-kari", $"{ola}/members/u-kari/deputy", new { deputyUserId = "u-lars" });
        // Kari records Ola's consent on his word in the needs conversation; it takes effect when Ola confirms it.
        await api.PostAsync("u-kari", $"{ola}/consent", new { scopes = GroupAndSystems, note = "Samtykke gitt i kartleggingssamtalen" });
        await ConfirmWaitingAsync(api, CaseId, "u-ola");
        await Member(api, CaseId, "u-hilde", "HealthWorker", "Health", "helse-bergen");

        await Identify(api, CaseId, "housing", "u-kari", "Jeg vil ha en egen leilighet i Bergen, nær datteren min.", "Ingen bolig ved løslatelse. Tidligere kommunal leilighet sagt opp under soning.");
        await Identify(api, CaseId, "income-debt", "u-nora", "Jeg må ha penger til husleie og mat fra første dag.", "Ingen inntekt ved løslatelse; gjeld til Statens innkrevingssentral.");
        await Identify(api, CaseId, "work", "u-nora", "Jeg vil jobbe som snekker igjen.", "Fagbrev i tømrerfaget; har jobbet i verkstedet i fengselet.");
        await Identify(api, CaseId, "network", "u-lars", "Jeg vil ha kontakt med datteren min.", null);
        await Identify(api, CaseId, "substance-use", "u-hilde", "Jeg vil holde meg rusfri når jeg kommer ut.", "Opioidavhengighet; i LAR-behandling i fengselet. Behandlingen må fortsette uten opphold.");
        await Measure(api, CaseId, ["substance-use"], "Videreføre LAR-behandling fra løslatelsesdagen, med første utlevering avtalt", "Avbrudd gir høy risiko for tilbakefall og overdose.", "u-hilde", today.AddDays(28), null);
        await api.PostAsync("u-kari", $"{ola}/goals", new { code = "housing", text = "Egen bolig klar dagen han løslates." });
        await api.PostAsync("u-kari", $"{ola}/goals", new { code = "income-debt", text = "Vedtak om økonomisk stønad før løslatelse, og en nedbetalingsplan for gjelden." });
        await Measure(api, CaseId, ["housing"], "Søknad om kommunal bolig sendes boligkontoret", "Han har ingen bolig å komme til.", "u-ingrid", today.AddDays(7), "Leieavtale avhenger av løslatelsesdato");
        await Measure(api, CaseId, ["income-debt"], "Søknad om økonomisk sosialhjelp og avtale om møte på NAV", "Ingen inntekt fra løslatelsesdagen.", "u-nora", today.AddDays(21), null);
        await Measure(api, CaseId, ["work", "income-debt"], "Kartlegge arbeidsevne og muligheter for arbeidstrening", "Fagbrev som tømrer.", "u-nora", release.AddDays(14), null);
        await api.PostAsync("u-ola", $"{ola}/proposals", new { needCode = "network", text = "Kan jeg få hjelp til å avtale besøk med datteren min før løslatelsen?" });
        await api.PostAsync("u-nora", $"{ola}/encounters", new
        {
            kind = "GroupMeeting",
            date = today,
            attendees = new[] { Attendee("u-kari", "Physical"), Attendee("u-ola", "Physical"), Attendee("u-lars", "Digital"), Attendee("u-nora", "Digital"), Attendee("u-ingrid", "Digital") },
            summary = "Innkomstmøte: behov kartlagt, neste møte avtalt.",
        });

        // The handover of housing to the municipality: offered, not yet accepted — the demo's open question.
        await Offer(api, CaseId, "housing", "bergen-kommune", release.AddDays(-14), "Trenger bolig fra løslatelsesdagen. Søknad sendes denne uka.");
        await SeedBoardAsync(api, today);
        await SeedReleasesAsync(api, today);
        LogSeeded(logger, CaseId);
    }

    /// <summary>
    /// More cases so the boards show every state: on track, amber, overdue, and a critical area with no owner
    /// outside the prison shortly before release.
    /// </summary>
    private static async Task SeedBoardAsync(DemoApi api, DateOnly today)
    {
        if (await api.ExistsAsync("u-kari", "case-demo-per"))
        {
            return;
        }

        // On track: released in ten weeks, owners outside the prison, the needs conversations held.
        const string per = "case-demo-per";
        await OpenAsync(api, per, "Per Olsen", today.AddDays(-200), today.AddDays(70));
        await Member(api, per, "u-lars", "FriomsorgOfficer", "Friomsorg", "friomsorg-bergen");
        await ConfirmWaitingAsync(api, per, "u-lars");
        await Member(api, per, "u-ingrid", "MunicipalCaseworker", "Municipality", "bergen-kommune");
        await Member(api, per, "u-nora", "NavAdvisor", "Nav", "nav-bergen");

        // At the intake meeting the next meeting is booked (domain §7).
        await api.PostAsync("u-kari", $"/api/v1/cases/{per}/meetings", new { scheduledFor = DateTimeOffset.UtcNow.AddDays(14), title = "Ansvarsgruppemøte", place = "Bergen fengsel, møterom 2" });
        await Milestone(api, per, "IntakeConversation", today.AddDays(-195));
        await Milestone(api, per, "NeedsConversation1", today.AddDays(-194));
        await Milestone(api, per, "NeedsConversation2", today.AddDays(-180));
        await Milestone(api, per, "PlanReview", today.AddDays(-20));
        await Identify(api, per, "housing", "u-ingrid", "Jeg vil bo hos broren min først.", "Avtale om bolig hos bror; kommunen følger opp.");
        await Identify(api, per, "income-debt", "u-nora", null, "Søknad om arbeidsavklaringspenger sendt.");
        foreach (var health in new[] { "physical-health", "mental-health", "substance-use" })
        {
            // Assessed with friomsorg: no need in these areas, so nothing critical is left without an owner. Lars, who
            // owns them, marks them met: health details are withheld from Kari, so she may not edit them. Neither reads
            // the assessment back (it is withheld from both), so it is written again as it was.
            const string assessment = "Vurdert i behovssamtalen: ikke behov nå.";
            await Identify(api, per, health, "u-lars", null, assessment);
            var version = (await api.GetAsync("u-lars", $"/api/v1/cases/{per}")).GetProperty("needAreas").GetProperty(health).GetProperty("version").GetInt64();
            await api.PutAsync("u-lars", $"/api/v1/cases/{per}/needs/{health}", new { expectedVersion = version, ownWords = (string?)null, assessment, status = "Met" });
        }

        await Milestone(api, per, "MunicipalityContacted", today.AddDays(-150));
        await Milestone(api, per, "FriomsorgEngaged", today.AddDays(-20));
        await api.PostAsync("u-lars", $"/api/v1/cases/{per}/proposals", new { needCode = "network", text = "Besøk av broren før løslatelsen." });

        // Amber: released in three weeks; housing taken over by the municipality, income still only in progress.
        const string anne = "case-demo-anne";
        await OpenAsync(api, anne, "Anne Berg", today.AddDays(-120), today.AddDays(21));
        await Member(api, anne, "u-lars", "FriomsorgOfficer", "Friomsorg", "friomsorg-bergen");
        await ConfirmWaitingAsync(api, anne, "u-lars");
        await Member(api, anne, "u-nora", "NavAdvisor", "Nav", "nav-bergen");
        await Identify(api, anne, "housing", "u-kari", "Jeg trenger et sted å bo.", "Ingen bolig.");
        await Identify(api, anne, "income-debt", "u-nora", null, "Sosialhjelp søkt; vedtak ventes.");
        var housing = await Offer(api, anne, "housing", "bergen-kommune", today, "Kommunal bolig er lovet fra løslatelsen.");
        await api.PostAsync("u-ingrid", $"/api/v1/cases/{anne}/handovers/{housing}/accept", null);
        await api.PostAsync("u-kari", $"/api/v1/cases/{anne}/encounters", new
        {
            kind = "GroupMeeting", date = today, attendees = new[] { Attendee("u-kari", "Physical"), Attendee("u-ingrid", "Digital") }, summary = "Overføringsmøte om bolig.",
        });
        await api.PostAsync("u-ingrid", $"/api/v1/cases/{anne}/handovers/{housing}/complete", null);

        // Overdue: a short sentence that arrived three weeks ago, with no needs conversation yet (fast track).
        await OpenAsync(api, "case-demo-jonas", "Jonas Lund", today.AddDays(-21), today.AddDays(60));

        // Unowned: released in ten days, income and debt still owned by the prison.
        const string siv = "case-demo-siv";
        await OpenAsync(api, siv, "Siv Hauge", today.AddDays(-300), today.AddDays(10));
        await Member(api, siv, "u-lars", "FriomsorgOfficer", "Friomsorg", "friomsorg-bergen");
        await ConfirmWaitingAsync(api, siv, "u-lars");
        await Identify(api, siv, "income-debt", "u-kari", "Jeg har gjeld og ingen penger.", "Ingen søknad sendt ennå.");
        await Offer(api, siv, "income-debt", "nav-bergen", today.AddDays(7), "Trenger vedtak før løslatelsen.");
    }

    /// <summary>
    /// Cases after the release gate (domain §4, §6, §8): Mona Sæther out on parole today with friomsorg as her
    /// coordinator; Erik Solberg released in full today, his case moved to the municipality that coordinates it; and
    /// Tor Hagen, whose housing owner has left the municipality's staff — an orphaned area, flagged and escalated.
    /// </summary>
    private static async Task SeedReleasesAsync(DemoApi api, DateOnly today)
    {
        if (await api.ExistsAsync("u-kari", "case-demo-mona"))
        {
            return;
        }

        // Parole with supervision: housing secured, income decided, health held outside the prison, the coordinator
        // role accepted by friomsorg (which has met her), the exit conversation held — and out she goes today.
        const string mona = "case-demo-mona";
        await OpenWithConsentAsync(api, mona, OpenCase("P-mona", "Mona Sæther", today.AddDays(-240), today, today.AddDays(180)));
        await ReleaseGroupAsync(api, mona);
        await ReadyForReleaseAsync(api, mona, today, "Hybel i Sandviken fra løslatelsesdagen, leieavtale signert.");
        var toFriomsorg = await api.PostAsync("u-kari", $"/api/v1/cases/{mona}/handovers", new
        {
            subject = "coordinator", toUnitId = "friomsorg-bergen", toUserId = "u-lars", plannedDate = today, note = "Prøveløslatelse med tilsyn; friomsorgen koordinerer prøvetiden.",
        });
        await api.PostAsync("u-lars", $"/api/v1/cases/{mona}/handovers/{HandoverId(toFriomsorg)}/accept", null);
        await api.PostAsync("u-lars", $"/api/v1/cases/{mona}/encounters", new
        {
            kind = "ContactWithPerson", date = today, attendees = new[] { Attendee("u-lars", "Physical") }, summary = "Første samtale om vilkårene for prøvetiden.",
        });
        await api.PutAsync("u-kari", $"/api/v1/cases/{mona}/phase", new { phase = "Community", form = "Parole" });

        // A full-time release without supervision: the municipality takes the coordinator role, and the case moves there.
        const string erik = "case-demo-erik";
        await OpenWithConsentAsync(api, erik, OpenCase("P-erik", "Erik Solberg", today.AddDays(-75), today, today, supervised: false));
        await ReleaseGroupAsync(api, erik);
        await ReadyForReleaseAsync(api, erik, today, "Kommunal leilighet på Laksevåg fra løslatelsesdagen.");
        var toMunicipality = await api.PostAsync("u-kari", $"/api/v1/cases/{erik}/handovers", new
        {
            subject = "coordinator", toUnitId = "bergen-kommune", toUserId = "u-ingrid", plannedDate = today, note = "Ingen tilsyn etter løslatelsen; kommunen koordinerer.",
        });
        await api.PostAsync("u-ingrid", $"/api/v1/cases/{erik}/handovers/{HandoverId(toMunicipality)}/accept", null);
        await api.PostAsync("u-kari", $"/api/v1/cases/{erik}/encounters", new
        {
            kind = "GroupMeeting", date = today, attendees = new[] { Attendee("u-kari", "Physical"), Attendee("u-ingrid", "Digital") }, summary = "Løslatelsesmøte.",
        });
        await api.PutAsync("u-kari", $"/api/v1/cases/{erik}/phase", new { phase = "Released", form = "FullTime" });
        await api.PutAsync("u-ingrid", $"/api/v1/cases/{erik}/unit", new { toUnitId = "bergen-kommune" });

        // An orphaned area: Tone owned Tor's housing for the municipality and has left its staff.
        const string tor = "case-demo-tor";
        await api.PutAsync(DemoApi.Admin, "/api/v1/units/bergen-kommune/staff/u-tone", new { displayName = Api.Auth.DemoUsers.Names["u-tone"], isLeader = false, email = "tone@bergen-kommune.example" });
        await OpenWithConsentAsync(api, tor, OpenCase("P-tor", "Tor Hagen", today.AddDays(-150), today.AddDays(35), today.AddDays(155)));
        await Member(api, tor, "u-tone", "MunicipalCaseworker", "Municipality", "bergen-kommune");
        await ConfirmWaitingAsync(api, tor, "u-tone");
        await Identify(api, tor, "housing", "u-tone", "Jeg trenger et sted å bo når jeg kommer ut.", "Søknad om kommunal bolig påbegynt.");
        await api.DeleteAsync(DemoApi.Admin, "/api/v1/units/bergen-kommune/staff/u-tone");
    }

    /// <summary>Friomsorg, the municipality, NAV and health in the group of a case about to be released.</summary>
    private static async Task ReleaseGroupAsync(DemoApi api, string caseId)
    {
        await Member(api, caseId, "u-lars", "FriomsorgOfficer", "Friomsorg", "friomsorg-bergen");
        await ConfirmWaitingAsync(api, caseId, "u-lars");
        await Member(api, caseId, "u-ingrid", "MunicipalCaseworker", "Municipality", "bergen-kommune");
        await Member(api, caseId, "u-nora", "NavAdvisor", "Nav", "nav-bergen");
        await Member(api, caseId, "u-hilde", "HealthWorker", "Health", "helse-bergen");
    }

    /// <summary>What the release gate asks, in place: housing secured, benefits decided, health held outside the prison, the exit conversation held.</summary>
    private static async Task ReadyForReleaseAsync(DemoApi api, string caseId, DateOnly today, string home)
    {
        var path = $"/api/v1/cases/{caseId}";
        await Identify(api, caseId, "housing", "u-ingrid", "Jeg vil ha et eget sted å bo.", home);
        var housing = (await api.GetAsync("u-ingrid", path)).GetProperty("needAreas").GetProperty("housing").GetProperty("version").GetInt64();
        await api.PutAsync("u-ingrid", $"{path}/needs/housing", new { expectedVersion = housing, ownWords = "Jeg vil ha et eget sted å bo.", assessment = home, status = "Met" });
        await Identify(api, caseId, "income-debt", "u-nora", null, "Arbeidsavklaringspenger innvilget fra løslatelsesdagen.");
        await api.PostAsync("u-nora", $"{path}/milestones", new { kind = "BenefitsDecided", date = today, note = "Vedtak om AAP." });
        foreach (var health in new[] { "physical-health", "mental-health", "substance-use" })
        {
            await Identify(api, caseId, health, "u-hilde", null, null);
        }

        await api.PostAsync("u-hilde", $"{path}/milestones", new { kind = "NeedsConversation1", date = today, note = (string?)null });
        await api.PostAsync("u-kari", $"{path}/milestones", new { kind = "ExitConversation", date = today, note = "Gikk gjennom planen og de første dagene." });
    }

    private static string HandoverId(JsonElement offered) => offered.GetProperty("events")[0].GetProperty("event").GetProperty("handoverId").GetString()!;

    /// <summary>Define a unit in Bergen and its staff, each with a work address, as the administrator.</summary>
    private static async Task UnitAsync(DemoApi api, string unitId, string name, string agency, params (string UserId, bool Leader)[] staff)
    {
        await api.PutAsync(DemoApi.Admin, $"/api/v1/units/{unitId}", new { name, agency, municipality = "Bergen" });
        foreach (var (userId, leader) in staff)
        {
            await api.PutAsync(DemoApi.Admin, $"/api/v1/units/{unitId}/staff/{userId}", new
            {
                displayName = Api.Auth.DemoUsers.Names[userId],
                isLeader = leader,
                email = $"{userId[2..]}@{unitId}.example",
            });
        }
    }

    private static Task OpenAsync(DemoApi api, string caseId, string name, DateOnly start, DateOnly release) =>
        OpenWithConsentAsync(api, caseId, OpenCase($"P-{caseId[10..]}", name, start, release, release.AddDays(120)));

    // Recorded on the person's word; a second member confirms it once one joins (Jonas's case has none yet, so it waits).
    private static async Task OpenWithConsentAsync(DemoApi api, string caseId, object body)
    {
        await api.PutAsync("u-kari", $"/api/v1/cases/{caseId}", body);
        await api.PostAsync("u-kari", $"/api/v1/cases/{caseId}/consent", new { scopes = GroupOnly, note = "Samtykke gitt i kartleggingssamtalen" });
    }

    /// <summary>Confirm, as <paramref name="userId"/> (the person, or a second member), what waits for confirmation in the case.</summary>
    private static async Task ConfirmWaitingAsync(DemoApi api, string caseId, string userId)
    {
        var state = await api.GetAsync(userId, $"/api/v1/cases/{caseId}");
        if (state.TryGetProperty("privacyRequests", out var waiting) && waiting.ValueKind == JsonValueKind.Object)
        {
            foreach (var request in waiting.EnumerateObject())
            {
                await api.PostAsync(userId, $"/api/v1/cases/{caseId}/privacy-requests/{request.Name}/confirm", null);
            }
        }
    }

    private static object OpenCase(string pseudonymId, string name, DateOnly start, DateOnly release, DateOnly end, bool supervised = true) => new
    {
        person = new { pseudonymId, displayName = name },
        phase = "Serving",
        unitId = "fengsel-bergen",
        home = new { registeredUnitId = "bergen-kommune" },
        dates = new { sentenceStart = start, earliestRelease = release, expectedRelease = release, endOfSentence = end, endOfSupervision = supervised ? end : (DateOnly?)null },
        creatorRole = "Kontaktbetjent",
    };

    private static Task<JsonElement> Member(DemoApi api, string caseId, string userId, string role, string agency, string? unitId) =>
        api.PostAsync("u-kari", $"/api/v1/cases/{caseId}/members", new { userId, displayName = Api.Auth.DemoUsers.Names[userId], role, agency, unitId, from = (DateOnly?)null });

    private static Task<JsonElement> Identify(DemoApi api, string caseId, string code, string ownerId, string? ownWords, string? assessment) =>
        api.PostAsync("u-kari", $"/api/v1/cases/{caseId}/needs/{code}/identify", new { ownerId, ownWords, assessment });

    private static Task<JsonElement> Measure(DemoApi api, string caseId, string[] needCodes, string what, string why, string ownerId, DateOnly due, string? requirements) =>
        api.PostAsync("u-kari", $"/api/v1/cases/{caseId}/measures", new { needCodes, what, why, ownerId, due, requirements });

    private static Task<JsonElement> Milestone(DemoApi api, string caseId, string kind, DateOnly date) =>
        api.PostAsync("u-kari", $"/api/v1/cases/{caseId}/milestones", new { kind, date, note = (string?)null });

    /// <summary>Kari offers a responsibility; returns the handover's id.</summary>
    private static async Task<string> Offer(DemoApi api, string caseId, string subject, string toUnitId, DateOnly plannedDate, string note)
    {
        var offered = await api.PostAsync("u-kari", $"/api/v1/cases/{caseId}/handovers", new { subject, toUnitId, toUserId = (string?)null, plannedDate, note });
        return offered.GetProperty("events")[0].GetProperty("event").GetProperty("handoverId").GetString()!;
    }

    private static object Attendee(string userId, string attendance) => new { userId, attendance };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case {CaseId} loaded")]
    private static partial void LogSeeded(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case {CaseId} is already there")]
    private static partial void LogAlreadySeeded(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
