using System.Diagnostics;
using CaseGrid.Benchmarks;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Units;
using CaseGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Durable plan edits on one silo with the local PostgreSQL: every edit is validated by its case grain,
// appended to case_events (fsync on) and only then acknowledged, each under a command id of its own as the web app
// sends them. Prints throughput, latency percentiles, the process's CPU and bytes allocated per edit, and memory.
var options = BenchOptions.Parse(args);
using var host = await BenchSilo.StartAsync(options.ConnectionString, "bench", 11211, 30200);
var grains = host.Services.GetRequiredService<IGrainFactory>();

var run = Guid.NewGuid().ToString("N")[..6];
var officer = new ActorRef($"bench-officer-{run}", "Benk Betjent");
var prison = grains.GetGrain<IUnitGrain>($"bench-prison-{run}");
await prison.DefineAsync("Benkfengsel", Agency.Prison, null);
await prison.SetStaffAsync(new UnitStaff(officer.UserId, officer.DisplayName, false));
await grains.GetGrain<IUnitGrain>($"bench-kommune-{run}").DefineAsync("Benk kommune", Agency.Municipality, null);

var today = DateOnly.FromDateTime(DateTime.UtcNow);
var cases = new List<ICaseGrain>();
for (var i = 0; i < options.Cases; i++)
{
    var grain = grains.GetGrain<ICaseGrain>($"bench-{run}-{i}");
    await Must(grain.ExecuteAsync(new OpenCase(new PersonRef($"P-{run}-{i}", "Benk Person"), CasePhase.Serving, $"bench-prison-{run}",
        new HomeMunicipality($"bench-kommune-{run}"), new KeyDates(today.AddDays(-100), today.AddDays(40), today.AddDays(40), today.AddDays(200), today.AddDays(200)),
        MemberRole.Kontaktbetjent), officer));
    await Must(grain.ExecuteAsync(new IdentifyNeed("housing", officer.UserId, "Egen bolig", "Start"), officer));
    cases.Add(grain);
}

Console.WriteLine($"CaseGrid durable plan edits — {options.Cases} cases, {options.Concurrency} concurrent writers, {options.Seconds} s after {options.WarmupSeconds} s warm-up");
await Measure(TimeSpan.FromSeconds(options.WarmupSeconds), record: false);
var process = Process.GetCurrentProcess();
var (allocatedBefore, cpuBefore) = (GC.GetTotalAllocatedBytes(precise: true), process.TotalProcessorTime);
var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
var (latencies, elapsed) = await Measure(TimeSpan.FromSeconds(options.Seconds), record: true);
process.Refresh();
var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
var cpu = process.TotalProcessorTime - cpuBefore;
var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
latencies.Sort();
double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
Console.WriteLine($"edits acknowledged : {latencies.Count}");
Console.WriteLine($"throughput         : {latencies.Count / elapsed.TotalSeconds:F0} durable edits/s");
Console.WriteLine($"latency ms         : p50 {P(0.50):F2}  p95 {P(0.95):F2}  p99 {P(0.99):F2}  max {latencies[^1]:F2}");
Console.WriteLine($"per edit           : {allocated / (double)latencies.Count / 1024:F1} KiB allocated, {cpu.TotalMilliseconds / latencies.Count:F3} ms CPU (silo and writers, this process)");
Console.WriteLine($"collections        : gen0 {collections[0]}, gen1 {collections[1]}, gen2 {collections[2]} in {elapsed.TotalSeconds:F0} s");
Console.WriteLine($"memory             : working set {process.WorkingSet64 / 1048576} MiB, managed heap {GC.GetTotalMemory(false) / 1048576} MiB");
await host.StopAsync();

async Task<(List<double> Latencies, TimeSpan Elapsed)> Measure(TimeSpan duration, bool record)
{
    var all = new List<double>[options.Concurrency];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
    {
        var mine = all[w] = new List<double>(100_000);
        var random = new Random(w);
        while (clock.Elapsed < duration)
        {
            var grain = cases[random.Next(cases.Count)];
            var started = Stopwatch.GetTimestamp();
            var result = await grain.ExecuteAsync(new AddGoal("housing", $"Mål {random.Next()}"), officer, Guid.NewGuid().ToString("N"));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"An edit was refused: {result.Error}");
            }

            if (record)
            {
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    })));
    return ([.. all.SelectMany(l => l)], clock.Elapsed);
}

static async Task Must(Task<CommandResult> command)
{
    var result = await command;
    if (!result.Succeeded)
    {
        throw new InvalidOperationException($"Set-up was refused: {result.Error}");
    }
}
