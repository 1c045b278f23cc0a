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

    /// <summary>The default time a work list only cases feed stays after its last update, and a little more.</summary>
    private static readonly TimeSpan ListsLeaveAfter = TimeSpan.FromSeconds(35);

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
        // Idle means after a person's own work list has gone too: it leaves memory once nothing has reached it for
        // CaseGrid:Work:UnusedListSeconds (30 s by default).
        var warm = await template.ActivateAsync(0, WarmCases);
        await Task.Delay(ListsLeaveAfter);
        var (before, heapBefore) = await IdleMemoryAsync(host.Pid);
        await GcdumpAsync(host.Pid, $"idle-{WarmCases}");
        var activation = await template.ActivateAsync(WarmCases, cases);
        await Task.Delay(ListsLeaveAfter);
        var (after, heapAfter) = await IdleMemoryAsync(host.Pid);
        await GcdumpAsync(host.Pid, $"idle-{cases}");
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
    /// Cases whose logs hold N events (goals added and reworded through REST, so every event is decided, sealed and
    /// snapshotted as in use), read once after the silo host restarts: the first read activates the case (its key, its
    /// snapshot and the events after it); the second is served by the live grain. First <c>--cold-cases</c> cases of
    /// <c>--cold-events</c> are read right after the restart, while the host itself is still warming up (its code
    /// compiled at first use, then again optimised); then, on the warm host, as many other cases of that size and
    /// <c>--cold-large-cases</c> of <c>--cold-large-events</c>, each opened 100 ms after the one before, as people open
    /// cases on a running host — not in the instant another case is still settling in. The targets are for those.
    /// </summary>
    public async Task ColdAsync()
    {
        var hosts = new CaseGridHosts(options, run);
        await using var host = hosts.SiloHost("casegrid-cold", 3);
        await host.StartAsync(TimeSpan.FromSeconds(120));
        using var rest = new CaseGridRest(hosts.Url(3));
        var groups = new[]
            {
                (Cases: options.ColdCases, Events: options.ColdEvents, Writers: 1, Warm: false),
                (Cases: options.ColdCases, Events: options.ColdEvents, Writers: 1, Warm: true),
                (Cases: options.ColdLargeCases, Events: options.ColdLargeEvents, Writers: 8, Warm: true),
            }
            .Where(g => g.Cases > 0 && g.Events > 0).ToArray();
        Console.WriteLine($"(e) cold activation of {string.Join(" and ", groups.Select(g => $"{g.Cases} cases of {g.Events:N0} events"))} — CaseGrid silo host pid {host.Pid}");
        var admin = await rest.TokenAsync($"u-{run}-admin", "Benk Admin", CaseGridRest.AdminRole);
        var officerId = $"u-{run}-cold-officer";
        var unitId = $"cold-{run}";
        await rest.DefineUnitAsync(admin, unitId, "Fengsel", "Prison");
        await rest.DefineUnitAsync(admin, $"{unitId}-home", "Kommune", "Municipality");
        await rest.AddStaffAsync(admin, unitId, officerId, "Betjent");
        var officer = await rest.TokenAsync(officerId, "Betjent");
        var small = await rest.OpenCaseAsync(officer, unitId, $"{unitId}-home", $"P-{run}-cold-small");
        var clock = Stopwatch.StartNew();
        var cases = await Task.WhenAll(groups.Select((g, gi) => Task.WhenAll(Enumerable.Range(0, g.Cases).Select(async c =>
        {
            var caseId = await rest.OpenCaseAsync(officer, unitId, $"{unitId}-home", $"P-{run}-cold-{gi}-{c}");
            await WriteAsync(rest, officer, caseId, g.Events, g.Writers);
            return caseId;
        }))));
        Console.WriteLine($"  wrote {groups.Sum(g => g.Cases)} cases ({groups.Sum(g => (long)g.Cases * g.Events):N0} events) through REST in {clock.Elapsed.TotalSeconds:F1} s; restarting the host");

        await host.StopAsync(TimeSpan.FromSeconds(60));
        var restart = await host.StartAsync(TimeSpan.FromSeconds(120));
        var (_, warmRead) = await rest.GetCaseAsync(officer, small);
        var rows = new List<string[]>();
        for (var g = 0; g < groups.Length; g++)
        {
            var (cold, hot) = (new List<double>(), new List<double>());
            foreach (var caseId in cases[g])
            {
                if (groups[g].Warm)
                {
                    await Task.Delay(100);
                }

                cold.Add((await rest.GetCaseAsync(officer, caseId)).Took.TotalMilliseconds);
                hot.Add((await rest.GetCaseAsync(officer, caseId)).Took.TotalMilliseconds);
            }

            var (first, second) = (Latency.Of(cold), Latency.Of(hot));
            var when = groups[g].Warm ? "on the warm host" : "right after the restart";
            if (groups[g].Warm)
            {
                report.Figure(Report.ColdP99(groups[g].Events), first.P99, $"{groups[g].Cases} cases, warm host");
            }

            Console.WriteLine($"  {groups[g].Cases} cases of {groups[g].Events:N0} events {when}: first read {first.Describe()}; second read {second.Describe()}");
            Console.WriteLine($"    first reads in the order read (ms): {string.Join(", ", cold.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))}");
            rows.Add([when, groups[g].Cases.ToString(CultureInfo.InvariantCulture), groups[g].Events.ToString("N0", CultureInfo.InvariantCulture),
                Report.F(first.P50), Report.F(first.P95), Report.F(first.P99), Report.F(first.Max), Report.F(second.P50), Report.F(second.Max),
                Report.F(restart.TotalSeconds), Report.F(warmRead.TotalMilliseconds)]);
        }

        report.Table("(e) cold activation: first read of a case after the silo host restarted (activation: key, snapshot, the events after it), timed to the answer's last byte",
            ["read", "cases", "events each", "first read p50 ms", "p95 ms", "p99 ms", "max ms", "second read p50 ms", "second read max ms", "host restart to ready s", "first read of a 2-event case ms"], rows);
        await SingleRequestsAsync(rest, officer, small);
    }

    /// <summary>
    /// What being a single request costs on this machine: the same requests on the warm host, one right after the other
    /// and one every 100 ms (as the cold reads above are made), for the host's liveness answer (no grain, no database)
    /// and an active 2-event case's read (a grain call and the read's audit entry).
    /// </summary>
    private async Task SingleRequestsAsync(CaseGridRest rest, string officer, string caseId)
    {
        const int Reads = 40;
        var rows = new List<string[]>();
        foreach (var (what, path, token) in new[] { ("liveness (/health/live)", "/health/live", (string?)null), ("a 2-event case, active", $"/api/v1/cases/{caseId}", officer) })
        {
            var row = new List<string> { what };
            foreach (var apart in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(100) })
            {
                var took = new List<double>();
                for (var i = 0; i < Reads + 10; i++)
                {
                    if (apart > TimeSpan.Zero)
                    {
                        await Task.Delay(apart);
                    }

                    var t = await rest.TimeGetAsync(path, token);
                    if (i >= 10)
                    {
                        took.Add(t.TotalMilliseconds);
                    }
                }

                var latency = Latency.Of(took);
                row.AddRange([Report.F(latency.P50), Report.F(latency.P99)]);
            }

            Console.WriteLine($"  single requests, {what}: back to back p50 {row[1]} p99 {row[2]} ms; 100 ms apart p50 {row[3]} p99 {row[4]} ms");
            rows.Add([.. row]);
        }

        report.Table("(e) a request alone against one in a stream, on the warm host: 40 each, back to back and 100 ms apart",
            ["request", "back to back p50 ms", "p99 ms", "100 ms apart p50 ms", "p99 ms"], rows);
    }

    /// <summary>
    /// Give a case about <paramref name="events"/> events: goals added (a case holds at most 500: 400 are added), then
    /// reworded by <paramref name="writers"/> writers at once, each its own goal, until the case has its events.
    /// </summary>
    private static async Task WriteAsync(CaseGridRest rest, string officer, string caseId, int events, int writers)
    {
        var version = 1L;
        var goals = new List<(string Id, long Version)>();
        while (version < Math.Min(events, 400))
        {
            var (goal, at) = await rest.AddGoalWithIdAsync(officer, caseId, $"Mål {version}");
            goals.Add((goal, at));
            version = at;
        }

        await Task.WhenAll(goals.TakeLast(writers).Select(async g =>
        {
            var at = g.Version;
            while (Interlocked.Read(ref version) < events)
            {
                at = await rest.UpdateGoalAsync(officer, caseId, g.Id, at, $"Mål, omformulert {at}");
                InterlockedMax(ref version, at);
            }
        }));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var now && now != seen)
        {
            seen = now;
        }
    }

    /// <summary>With <c>--idle-gcdump</c>: a heap dump of the process (after its memory was measured) in the output folder.</summary>
    private async Task GcdumpAsync(int pid, string name)
    {
        if (options.IdleGcdump is not { } tool)
        {
            return;
        }

        var file = Path.Combine(options.OutDir, $"{name}-{run}.gcdump");
        using var dump = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{tool} did not start");
        await dump.StandardOutput.ReadToEndAsync();
        await dump.WaitForExitAsync();
        Console.WriteLine($"  heap dump: {file} (exit {dump.ExitCode})");
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
