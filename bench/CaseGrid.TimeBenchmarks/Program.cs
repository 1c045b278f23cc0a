using System.Diagnostics;
using System.Globalization;
using CaseGrid.Benchmarks;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;
using CaseGrid.Domain;
using CaseGrid.Domain.Plan;
using CaseGrid.Domain.Time;
using CaseGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Two figures of issue 4: (1) how long recomputing every case's deadlines, readiness and next reminder takes for
// 100,000 cases after a rule-set change; (2) the memory each active case grain holds, measured on a real silo.
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var connection = BenchDatabase.Connection(args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault());
var recomputeCases = int.Parse(Arg("--recompute-cases", "100000"), CultureInfo.InvariantCulture);
var activeCases = int.Parse(Arg("--active-cases", "10000"), CultureInfo.InvariantCulture);

using var host = await BenchSilo.StartAsync(connection, "timebench", 11411, 30400);
var grains = host.Services.GetRequiredService<IGrainFactory>();

var run = Guid.NewGuid().ToString("N")[..6];
var officer = new ActorRef($"tb-{run}", "Benk Betjent");
var prison = grains.GetGrain<IUnitGrain>($"tb-prison-{run}");
await prison.DefineAsync("Benkfengsel", Agency.Prison, null);
await prison.SetStaffAsync(new UnitStaff(officer.UserId, officer.DisplayName, false));
await grains.GetGrain<IUnitGrain>($"tb-kommune-{run}").DefineAsync("Benk kommune", Agency.Municipality, null);
var today = NorwegianTime.DateOf(DateTimeOffset.UtcNow);

async Task<ICaseGrain> SeedAsync(int i)
{
    var grain = grains.GetGrain<ICaseGrain>($"tb-{run}-{i}");
    var release = today.AddDays(10 + (i % 200));
    await Must(grain.ExecuteAsync(new OpenCase(new PersonRef($"P-{run}-{i}", "Benk Person"), CasePhase.Serving, $"tb-prison-{run}", new HomeMunicipality($"tb-kommune-{run}"),
        new KeyDates(today.AddDays(-100), release, release, release.AddDays(120), release.AddDays(120)), MemberRole.Kontaktbetjent), officer));
    await Must(grain.ExecuteAsync(new AddMember($"tb-ingrid-{i}", "Ingrid", MemberRole.MunicipalCaseworker, Agency.Municipality, $"tb-kommune-{run}", null), officer));
    await Must(grain.ExecuteAsync(new IdentifyNeed("housing", officer.UserId, "Egen bolig", "Ingen bolig"), officer));
    await Must(grain.ExecuteAsync(new IdentifyNeed("income-debt", officer.UserId, null, "Ingen inntekt"), officer));
    await Must(grain.ExecuteAsync(new AddGoal("housing", "Bolig klar ved løslatelse"), officer));
    await Must(grain.ExecuteAsync(new AddMeasure(["housing"], "Søknad om kommunal bolig", null, $"tb-ingrid-{i}", today.AddDays(14), null), officer));
    return grain;
}

// (1) Recompute after a rule-set change: 100,000 cases built from a real case with different dates.
var template = (await (await SeedAsync(-1)).GetAsync(officer, null)).State!;
var states = Enumerable.Range(0, recomputeCases).Select(i =>
{
    var release = today.AddDays(-30 + (i % 400));
    return template with { CaseId = $"r-{i}", Dates = new KeyDates(release.AddDays(-(60 + (i % 300))), release, release, release.AddDays(120), release.AddDays(120)) };
}).ToList();
var changed = DeadlineRuleSet.FromJson(DefaultRulesJson().Replace("\"version\": \"", "\"version\": \"changed-", StringComparison.Ordinal));
var catalogue = NeedAreaCatalogue.Default;
var now = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var deadlines = 0L;
foreach (var state in states)
{
    deadlines += DeadlineCalculator.Compute(state, changed, today).Length;
    _ = Readiness.Assess(state, catalogue, changed, today);
    _ = TimeRules.NextCheck(state, changed, now);
}

clock.Stop();
Console.WriteLine($"CaseGrid time benchmarks (rule set {changed.Version})");
Console.WriteLine($"recompute after a rule-set change: {recomputeCases:N0} cases, {deadlines:N0} deadlines + readiness + next reminder in {clock.Elapsed.TotalMilliseconds:N0} ms ({clock.Elapsed.TotalMilliseconds * 1000 / recomputeCases:F1} µs per case, one core)");
states.Clear();

// (2) Memory per active case grain: managed heap after a full collection, before and after activating N cases.
if (activeCases == 0)
{
    await host.StopAsync();
    return;
}

var before = Heap();
var seeded = 0;
await Parallel.ForEachAsync(Enumerable.Range(0, activeCases), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
{
    await SeedAsync(i);
    Interlocked.Increment(ref seeded);
});
var after = Heap();
Console.WriteLine($"active case grains: {seeded:N0} cases of 7 events each; managed heap +{(after - before) / 1048576.0:F1} MiB = {(after - before) / seeded / 1024.0:F1} KiB per active case (including the unit index and Orleans' activation bookkeeping)");
await host.StopAsync();

static long Heap()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

static string DefaultRulesJson()
{
    using var stream = typeof(DeadlineRuleSet).Assembly.GetManifestResourceStream(
        typeof(DeadlineRuleSet).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("deadline-rules.json", StringComparison.Ordinal)))!;
    return new StreamReader(stream).ReadToEnd();
}

static async Task Must(Task<CommandResult> command)
{
    var result = await command;
    if (!result.Succeeded)
    {
        throw new InvalidOperationException($"Set-up was refused: {result.Error}");
    }
}
