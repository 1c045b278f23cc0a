using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace CaseGrid.Harness;

/// <summary>
/// A case made through REST as its group would make it, then copied in PostgreSQL (<see cref="SealedCopies"/>) to as
/// many case ids as a scenario needs: (d) and the cost curve. The realistic plan has an ansvarsgruppe from five units
/// (prison, friomsorg, municipality, NAV, health) with the person's consent, need areas with owners and a supporter, goals
/// (two reworded), measures (one accepted by its owner), a proposal answered, a group meeting held, milestones, a housing
/// handover offered and the next meeting booked — about 40 events; the small one is a case with a member and three goals.
/// Every 100 copies have units and staff of their own (numbered like the prison), and every copy a person of its own, as
/// in a real country, so no unit, user or person holds more cases than a real one would.
/// </summary>
internal sealed class CaseTemplate
{
    public const int CasesPerUnit = 100;

    private static readonly string[] UnitKinds = ["prison", "friomsorg", "kommune", "nav", "helse"];
    private static readonly (string Name, string Agency)[] UnitNames =
        [("Fengsel", "Prison"), ("Friomsorgskontor", "Friomsorg"), ("Kommune, boligkontoret", "Municipality"), ("NAV", "Nav"), ("Rus- og psykisk helsetjeneste", "Health")];

    private readonly CaseGridRest _rest;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<int> _defined = [];
    private string _groupId = "";

    private CaseTemplate(CaseGridRest rest, string prefix, string kind)
    {
        _rest = rest;
        _prefix = prefix;
        Kind = kind;
    }

    /// <summary>realistic or small.</summary>
    public string Kind { get; }

    public string CaseId { get; private set; } = "";

    /// <summary>Events in the template's log, so in every copy's.</summary>
    public long Events { get; private set; }

    /// <summary>Copy <paramref name="i"/>'s case id.</summary>
    public string Copy(int i) => $"{_prefix}-c{i}";

    /// <summary>Unit <paramref name="kind"/> (prison, friomsorg, kommune, nav, helse) of the copies numbered k·100 to k·100 + 99.</summary>
    public string Unit(string kind, int k) => $"{_prefix}-{kind}{k}";

    /// <summary>The staff member of unit <paramref name="kind"/> who is in the group of the copies of block <paramref name="k"/>.</summary>
    public string Staff(string kind, int k) => $"u-{_prefix}-{kind}{k}";

    /// <summary>Copy <paramref name="i"/>'s coordinator (the prison's kontaktbetjent) and another member of its group (friomsorg).</summary>
    public (string Coordinator, string Member) MembersOf(int i) => (Staff("prison", i / CasesPerUnit), Staff("friomsorg", i / CasesPerUnit));

    /// <summary>A development token for <paramref name="userId"/>, asked for once.</summary>
    public Task<string> TokenAsync(string userId) => _tokens.GetOrAdd(userId, u => _rest.TokenAsync(u, u));

    /// <summary>Define the units and the staff of block 0 as an administrator and make the template case through REST.</summary>
    public static async Task<CaseTemplate> MakeAsync(CaseGridRest rest, string admin, string prefix, string kind)
    {
        var template = new CaseTemplate(rest, prefix, kind);
        await template.DefineAsync(admin, 1);
        await (kind == "small" ? template.SmallAsync() : template.RealisticAsync());
        var (version, _) = await rest.GetCaseAsync(await template.TokenAsync(template.Staff("prison", 0)), template.CaseId);
        template.Events = version;
        return template;
    }

    /// <summary>Define the units and staff the copies below <paramref name="cases"/> need (those not defined yet).</summary>
    public async Task DefineAsync(string admin, int cases)
    {
        var blocks = Enumerable.Range(0, (cases + CasesPerUnit - 1) / CasesPerUnit).Where(_defined.Add).ToList();
        await Parallel.ForEachAsync(blocks, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (k, _) =>
        {
            foreach (var (kind, (name, agency)) in UnitKinds.Zip(UnitNames))
            {
                await _rest.DefineUnitAsync(admin, Unit(kind, k), $"{name} {k}", agency);
                await _rest.AddStaffAsync(admin, Unit(kind, k), Staff(kind, k), $"{name} {k}, saksbehandler");
            }
        });
    }

    /// <summary>Copies numbered <paramref name="from"/> up to <paramref name="to"/> (not included), each sealed under a key of its own.</summary>
    public async Task CopyAsync(NpgsqlDataSource db, string masterKeyFile, int from, int to)
    {
        var block0 = UnitKinds.Select(u => Unit(u, 0)).Concat(UnitKinds.Select(u => Staff(u, 0))).ToList();
        var person = Person(0);
        string Rewrite(string json, int i) =>
            SealedCopies.Renumbered(
                json.Replace(_groupId, $"{_groupId}-{i}", StringComparison.Ordinal).Replace($"\"{person}\"", $"\"{Person(i)}\"", StringComparison.Ordinal),
                block0, i / CasesPerUnit);
        string Actor(string actor, int i) =>
            actor == person ? Person(i) : block0.Contains(actor) ? SealedCopies.Renumbered(actor, i / CasesPerUnit) : actor;
        await new SealedCopies(db, masterKeyFile).CopyAsync(CaseId, to, Copy, Rewrite, Actor, from);
    }

    /// <summary>Read copies <paramref name="from"/> up to <paramref name="to"/> once each as their coordinator (32 at once): each read activates its case.</summary>
    public async Task<TimeSpan> ActivateAsync(int from, int to)
    {
        var timer = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            await _rest.GetCaseAsync(await TokenAsync(MembersOf(i).Coordinator), Copy(i));
            if (Interlocked.Increment(ref done) % 20_000 == 0)
            {
                Console.WriteLine($"  … {done:N0} activated ({done / timer.Elapsed.TotalSeconds:F0}/s)");
            }
        });
        return timer.Elapsed;
    }

    // Each copy's person: the template's is P-…-person0, copy i's P-…-person{i}.
    private string Person(int i) => $"P-{_prefix}-person{i}";

    private async Task<string> OpenAsync()
    {
        var officer = await TokenAsync(Staff("prison", 0));
        CaseId = await _rest.OpenCaseAsync(officer, Unit("prison", 0), Unit("kommune", 0), Person(0));
        var events = await _rest.EventsAsync(officer, CaseId);
        _groupId = events[0]["event"]!["groupId"]!.GetValue<string>();
        return officer;
    }

    private async Task SmallAsync()
    {
        var officer = await OpenAsync();
        await _rest.AddMemberAsync(officer, CaseId, Staff("friomsorg", 0), "Leser");
        foreach (var goal in new[] { "Egen bolig", "Arbeid", "Fritid" })
        {
            await _rest.AddGoalAsync(officer, CaseId, goal);
        }
    }

    // The plan an ansvarsgruppe has some weeks into a sentence, made as its members would make it (see DemoSeeder).
    private async Task RealisticAsync()
    {
        var officer = await OpenAsync();
        var today = CaseGridRest.Today;
        var c = $"/api/v1/cases/{CaseId}";
        var (friomsorg, kommune, nav, helse) = (Staff("friomsorg", 0), Staff("kommune", 0), Staff("nav", 0), Staff("helse", 0));
        await _rest.AddMemberAsync(officer, CaseId, friomsorg, "Lars Friomsorg", "FriomsorgOfficer", "Friomsorg", Unit("friomsorg", 0));
        await _rest.AddMemberAsync(officer, CaseId, kommune, "Ingrid Kommune", "MunicipalCaseworker", "Municipality", Unit("kommune", 0));
        await _rest.AddMemberAsync(officer, CaseId, nav, "Nora NAV", "NavAdvisor", "Nav", Unit("nav", 0));
        await _rest.AddMemberAsync(officer, CaseId, helse, "Hilde Helse", "HealthWorker", "Health", Unit("helse", 0));
        await _rest.PutAsync(officer, $"{c}/members/{Staff("prison", 0)}/deputy", new { deputyUserId = friomsorg });

        async Task Identify(string code, string owner, string? ownWords, string? assessment) =>
            await _rest.PostAsync(officer, $"{c}/needs/{code}/identify", new { ownerId = owner, ownWords, assessment });
        // Housing is owned in prison until the municipality accepts the handover offered below.
        await Identify("housing", Staff("prison", 0), "Jeg vil ha en egen leilighet, nær datteren min.", "Ingen bolig ved løslatelse.");
        await Identify("income-debt", nav, "Jeg må ha penger til husleie og mat fra første dag.", "Ingen inntekt ved løslatelse; gjeld til Statens innkrevingssentral.");
        await Identify("work", nav, "Jeg vil jobbe som snekker igjen.", "Fagbrev i tømrerfaget.");
        await Identify("network", friomsorg, "Jeg vil ha kontakt med datteren min.", null);
        await Identify("substance-use", helse, "Jeg vil holde meg rusfri når jeg kommer ut.", "I LAR-behandling i fengselet; må fortsette uten opphold.");
        await _rest.PostAsync(officer, $"{c}/needs/housing/supporters", new { userId = friomsorg });

        var (housingGoal, housingVersion) = await _rest.AddGoalWithIdAsync(officer, CaseId, "Egen bolig klar dagen han løslates.");
        await _rest.UpdateGoalAsync(officer, CaseId, housingGoal, housingVersion, "Egen bolig klar dagen han løslates, med depositum ordnet.");
        foreach (var (code, text) in new[] { ("income-debt", "Vedtak om økonomisk stønad før løslatelse."), ("work", "Arbeidstrening innen tre måneder etter løslatelse."), ("network", "Jevnlig kontakt med datteren.") })
        {
            await _rest.PostAsync(officer, $"{c}/goals", new { code, text });
        }

        var (substanceGoal, substanceVersion) = await _rest.AddGoalWithIdAsync(officer, CaseId, "Rusfri første måned ute.");
        await _rest.UpdateGoalAsync(officer, CaseId, substanceGoal, substanceVersion, "Rusfri, med LAR-behandlingen videreført fra første dag.");

        async Task<(string Id, long Version)> Measure(string[] needCodes, string what, string owner, int dueInDays)
        {
            var added = await _rest.PostAsync(officer, $"{c}/measures", new { needCodes, what, why = (string?)null, ownerId = owner, due = today.AddDays(dueInDays), requirements = (string?)null });
            return (added["events"]![0]!["event"]!["measureId"]!.GetValue<string>(), added["version"]!.GetValue<long>());
        }

        await Measure(["housing"], "Søknad om kommunal bolig sendes boligkontoret", kommune, 7);
        var (income, incomeVersion) = await Measure(["income-debt"], "Søknad om økonomisk sosialhjelp og møte på NAV", nav, 21);
        await Measure(["work", "income-debt"], "Kartlegge arbeidsevne og muligheter for arbeidstrening", nav, 60);
        await Measure(["substance-use"], "Videreføre LAR-behandling fra løslatelsesdagen", helse, 28);
        await Measure(["network"], "Avtale besøk med datteren før løslatelsen", friomsorg, 14);
        var person = await TokenAsync(Person(0));
        var chosen = await _rest.PostAsync(person, $"{c}/measures/{income}/status", new { expectedVersion = incomeVersion, status = "ChosenByPerson", note = (string?)null });
        await _rest.PostAsync(await TokenAsync(nav), $"{c}/measures/{income}/status", new { expectedVersion = chosen["version"]!.GetValue<long>(), status = "AcceptedByOwner", note = "NAV tar dette." });

        var proposed = await _rest.PostAsync(person, $"{c}/proposals", new { needCode = "network", text = "Kan jeg få hjelp til å avtale besøk med datteren min?" });
        await _rest.AnswerAsync(await TokenAsync(friomsorg), CaseId, proposed["events"]![0]!["event"]!["proposalId"]!.GetValue<string>(), "Ja, vi avtaler det på neste møte.");
        await _rest.PostAsync(officer, $"{c}/encounters", new
        {
            kind = "GroupMeeting",
            date = today,
            attendees = new[] { Staff("prison", 0), Person(0), friomsorg, nav, kommune }.Select(u => new { userId = u, attendance = "Physical" }),
            summary = "Innkomstmøte: behov kartlagt, neste møte avtalt.",
        });
        // At the intake meeting the next meeting is booked, before the intake conversation is recorded.
        await _rest.PostAsync(officer, $"{c}/meetings", new { scheduledFor = DateTimeOffset.UtcNow.AddDays(14), title = "Ansvarsgruppemøte", place = "Møterom 2" });
        foreach (var kind in new[] { "IntakeConversation", "NeedsConversation1" })
        {
            await _rest.PostAsync(officer, $"{c}/milestones", new { kind, date = today, note = (string?)null });
        }

        await _rest.PostAsync(officer, $"{c}/handovers", new { subject = "housing", toUnitId = Unit("kommune", 0), toUserId = (string?)null, plannedDate = today.AddDays(28), note = "Trenger bolig fra løslatelsesdagen." });
    }
}
