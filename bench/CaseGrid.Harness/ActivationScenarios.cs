using System.Diagnostics;
using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>
/// (d) many cases activated and idle: memory per active case; (e) cold activation of a case with a long event log:
/// latency to the first read after the silo host restarts. Both on a fresh CaseGrid silo host process.
/// </summary>
internal sealed class ActivationScenarios(HarnessOptions options, string run, Report report)
{
    private const int WarmCases = 1000;

    /// <summary>
    /// A template case is made through REST (<see cref="CaseTemplate"/>: a realistic plan, or a small case); its log is
    /// copied in PostgreSQL to N case ids, 100 to a prison and its partner units, so every case is a real log CaseGrid folds
    /// on activation. Each case is then activated by a REST read as its coordinator. RSS of the host after the first 1,000
    /// and after all, once it is idle.
    /// </summary>
    public async Task IdleAsync()
    {
        var hosts = new CaseGridHosts(options, run);
        await using var host = hosts.SiloHost("casegrid-idle", 2);
        await host.StartAsync(TimeSpan.FromSeconds(120));
        using var rest = new CaseGridRest(hosts.Url(2));
        var cases = Math.Max(options.IdleCases, WarmCases * 2);
        Console.WriteLine($"(d) {cases:N0} cases activated and idle — CaseGrid silo host pid {host.Pid}; a {options.IdleTemplate} plan copied, {CaseTemplate.CasesPerUnit} cases to a prison");
        var admin = await rest.TokenAsync($"u-{run}-admin", "Benk Admin", CaseGridRest.AdminRole);
        var template = await CaseTemplate.MakeAsync(rest, admin, $"idle-{run}", options.IdleTemplate);
        var clock = Stopwatch.StartNew();
        await template.DefineAsync(admin, cases);
        Console.WriteLine($"  template {template.CaseId} has {template.Events} events; units and staff for {cases:N0} cases defined in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await using (var db = new Postgres(options).Open())
        {
            await template.CopyAsync(db, Path.Combine(options.PkiDir, "master.key"), 0, cases);
        }

        Console.WriteLine($"  copied to {cases:N0} cases in {clock.Elapsed.TotalSeconds:F1} s");

        // The first cases warm the read path, the unit grains and the JIT; memory is measured from there on.
        var warm = await template.ActivateAsync(0, WarmCases);
        var (before, heapBefore) = await IdleMemoryAsync(host.Pid);
        var activation = await template.ActivateAsync(WarmCases, cases);
        var (after, heapAfter) = await IdleMemoryAsync(host.Pid);
        var peak = ProcStat.PeakRss(host.Pid);
        var activated = cases - WarmCases;
        var perCase = (double)(after - before) / activated;
        var heapPerCase = heapBefore is { } hb && heapAfter is { } ha ? (double)(ha - hb) / activated : double.NaN;
        Console.WriteLine($"  activated {activated:N0} cases in {activation.TotalSeconds:F1} s ({activated / activation.TotalSeconds:F0}/s, first {WarmCases:N0} in {warm.TotalSeconds:F1} s)");
        Console.WriteLine($"  host RSS idle, after a full collection: {before / 1048576.0:F0} MiB after {WarmCases:N0} cases, {after / 1048576.0:F0} MiB after {cases:N0} (peak {peak / 1048576.0:F0} MiB): {perCase / 1024:F1} KiB per active case");
        Console.WriteLine($"  managed heap alive after the collection: {Report.MiB(heapBefore)} MiB, then {Report.MiB(heapAfter)} MiB: {heapPerCase / 1024:F1} KiB per active case");
        report.Figure(Report.IdleKiBPerCase, perCase / 1024, $"{cases:N0} cases, {options.IdleTemplate} plan of {template.Events} events", atTarget: cases >= 100_000 && options.IdleTemplate == "realistic");
        report.Table("(d) cases activated and idle: memory per active case (RSS of the silo host)",
            ["cases", "plan", "events each", "activation rate (REST reads/s)", "RSS after 1,000 MiB", "RSS after all MiB", "peak RSS MiB", "RSS KiB per active case", "live managed heap KiB per active case"],
            [[cases.ToString("N0", CultureInfo.InvariantCulture), options.IdleTemplate, template.Events.ToString(CultureInfo.InvariantCulture), Report.F(activated / activation.TotalSeconds, "F0"),
              Report.MiB(before), Report.MiB(after), Report.MiB(peak), Report.F(perCase / 1024), Report.F(heapPerCase / 1024)]]);
    }

    /// <summary>
    /// Cases whose logs hold N events (goals added through REST), read once after the silo host restarts: the first read
    /// activates the case and folds its whole log; the second is served by the live grain.
    /// </summary>
    public async Task ColdAsync()
    {
        var hosts = new CaseGridHosts(options, run);
        await using var host = hosts.SiloHost("casegrid-cold", 3);
        await host.StartAsync(TimeSpan.FromSeconds(120));
        using var rest = new CaseGridRest(hosts.Url(3));
        Console.WriteLine($"(e) cold activation of cases with {options.ColdEvents:N0} events — CaseGrid silo host pid {host.Pid}");
        var admin = await rest.TokenAsync($"u-{run}-admin", "Benk Admin", CaseGridRest.AdminRole);
        var officerId = $"u-{run}-cold-officer";
        var unitId = $"cold-{run}";
        await rest.DefineUnitAsync(admin, unitId, "Fengsel", "Prison");
        await rest.DefineUnitAsync(admin, $"{unitId}-home", "Kommune", "Municipality");
        await rest.AddStaffAsync(admin, unitId, officerId, "Betjent");
        var officer = await rest.TokenAsync(officerId, "Betjent");
        var small = await rest.OpenCaseAsync(officer, unitId, $"{unitId}-home", $"P-{run}-cold-small");
        var big = new string[3];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, big.Length).Select(async b =>
        {
            big[b] = await rest.OpenCaseAsync(officer, unitId, $"{unitId}-home", $"P-{run}-cold-{b}");
            // A case holds at most 500 goals: 400 are added, and the last one reworded until the case has its events.
            var version = 2L;
            var goal = "";
            while (version < Math.Min(options.ColdEvents, 400))
            {
                (goal, version) = await rest.AddGoalWithIdAsync(officer, big[b], $"Mål {version}");
            }

            while (version < options.ColdEvents)
            {
                version = await rest.UpdateGoalAsync(officer, big[b], goal, version, $"Mål, omformulert {version}");
            }
        }));
        Console.WriteLine($"  wrote {big.Length} cases of {options.ColdEvents:N0} events through REST in {clock.Elapsed.TotalSeconds:F1} s; restarting the host");

        await host.StopAsync(TimeSpan.FromSeconds(30));
        var restart = await host.StartAsync(TimeSpan.FromSeconds(120));
        var (_, warmRead) = await rest.GetCaseAsync(officer, small);
        var rows = new List<string[]>();
        foreach (var caseId in big)
        {
            var (version, cold) = await rest.GetCaseAsync(officer, caseId);
            var (_, hot) = await rest.GetCaseAsync(officer, caseId);
            Console.WriteLine($"  {caseId}: version {version}, first read {cold.TotalMilliseconds:F0} ms, second {hot.TotalMilliseconds:F1} ms");
            rows.Add([version.ToString(CultureInfo.InvariantCulture), Report.F(cold.TotalMilliseconds), Report.F(hot.TotalMilliseconds, "F2"),
                Report.F(restart.TotalSeconds), Report.F(warmRead.TotalMilliseconds)]);
        }

        report.Table($"(e) cold activation: first read of a case with {options.ColdEvents:N0} events after the silo host restarted",
            ["events", "first read ms (activation + fold)", "second read ms", "host restart to ready s", "first read of a 2-event case ms"], rows);
    }

    /// <summary>Once the process has been quiet (under 0.05 cores) for 3 s, or after 60 s: a full collection, then its RSS and live managed heap.</summary>
    public static async Task<(long Rss, long? Heap)> IdleMemoryAsync(int pid)
    {
        var deadline = Stopwatch.StartNew();
        var quietSince = Stopwatch.StartNew();
        var cpu = ProcStat.CpuSeconds(pid);
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            var now = ProcStat.CpuSeconds(pid);
            if (now - cpu > 0.025)
            {
                quietSince.Restart();
            }

            cpu = now;
            if (quietSince.Elapsed > TimeSpan.FromSeconds(3))
            {
                break;
            }
        }

        var heap = await InducedGc.CollectAsync(pid);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (ProcStat.Rss(pid), heap);
    }
}
