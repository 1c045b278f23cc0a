using System.Diagnostics;

namespace CaseGrid.Harness;

/// <summary>
/// Scenarios (a)–(c), run on every chosen system in turn with the same plan: each system gets its server process(es)
/// started fresh, all three scenarios, then a stop.
/// </summary>
internal sealed class FanoutScenarios(HarnessOptions options, string run, Report report)
{
    public IReadOnlyList<(string Key, string Label, FanoutPlan Plan)> Chosen() =>
    [
        .. new (string Key, string Label, FanoutPlan Plan)[]
        {
            ("meeting", "(a) meeting: 1 group of 10, 4 editing, presence every 5 s", new FanoutPlan(1, 10, 4, options.MeetingRate, TimeSpan.FromSeconds(5), TimeSpan.Zero)),
            ("fanout", "(b) 1,000 connections in groups of 10", new FanoutPlan(100, 10, 1, options.FanoutRate, null, TimeSpan.Zero)),
            ("board", "(c) one group of 200 (national handover board), 5 editing", new FanoutPlan(1, 200, 5, options.BoardRate, null, TimeSpan.Zero)),
            ("throughput", $"(f) sustained edits: {options.Writers} in flight over {options.ThroughputCases} cases of 2 members", new FanoutPlan(options.ThroughputCases, 2, 1, 0, null, TimeSpan.Zero, options.Writers)),
        }.Where(s => options.Scenarios.Contains(s.Key)),
    ];

    public async Task RunAsync()
    {
        var scenarios = Chosen();
        if (scenarios.Count == 0)
        {
            return;
        }

        if (options.Systems.Contains("casegrid"))
        {
            await CaseGridAsync(scenarios);
        }

        if (options.Systems.Contains("bare"))
        {
            await BareHubAsync(scenarios);
        }

        if (options.Systems.Contains("hocuspocus"))
        {
            await new PeerHocuspocus(options, run, report).RunAsync(scenarios);
        }
    }

    /// <summary>Run one plan on a live system: connect, warm up, measure, settle, disconnect.</summary>
    public static async Task<FanoutResult> MeasureAsync(ILiveSystem system, FanoutPlan plan, ResourceMeter meter, HarnessOptions options, string run, TimeSpan? warmup = null)
    {
        var warm = warmup ?? options.Warmup;
        await using var fanout = await FanoutRun.ConnectAsync(system, plan, run);
        Console.WriteLine($"  [{system.Name}] {plan.Connections} members connected and joined in {fanout.ConnectTime.TotalSeconds:F1} s; {warm.TotalSeconds:F0} s warm-up");
        Task Drive(TimeSpan duration) => plan.Writers > 0 ? fanout.DriveClosedAsync(duration) : fanout.DriveAsync(duration);
        await Drive(warm);
        fanout.Recorder.ClearErrors();
        fanout.Recorder.Measuring = true;
        meter.Start();
        var clock = Stopwatch.StartNew();
        await Drive(options.Seconds);
        var measured = clock.Elapsed;
        var resources = meter.Stop();
        fanout.Recorder.Measuring = false;
        await fanout.SettleAsync(TimeSpan.FromSeconds(10));
        return fanout.Result(measured, resources);
    }

    private async Task CaseGridAsync(IReadOnlyList<(string Key, string Label, FanoutPlan Plan)> scenarios)
    {
        var hosts = new CaseGridHosts(options, run);
        await using var host = hosts.SiloHost("casegrid", 1);
        var started = await host.StartAsync(TimeSpan.FromSeconds(120));
        Console.WriteLine($"CaseGrid silo host (silo + API on Kestrel, pid {host.Pid}) ready in {started.TotalSeconds:F1} s at {hosts.Url(1)}");
        var postgres = new Postgres(options);
        using var system = new CaseGridSystem("CaseGrid", [hosts.Url(1)], run);
        foreach (var (index, (_, label, plan)) in scenarios.Index())
        {
            Console.WriteLine($"{label} — CaseGrid");
            var meter = new ResourceMeter()
                .Add("server: CaseGrid silo host", () => host.Pid)
                .AddCpuOnly("postgres", postgres.Pids)
                .Add("client: harness", () => Environment.ProcessId);
            report.Fanout(label, await MeasureAsync(system, plan, meter, options, run, options.WarmupFor(index)));
            system.Forget();
        }
    }

    private async Task BareHubAsync(IReadOnlyList<(string Key, string Label, FanoutPlan Plan)> scenarios)
    {
        var url = $"http://127.0.0.1:{options.HttpBase + 30}";
        await using var hub = new ServerProcess("barehub", options.BareDir, "dotnet", ["CaseGrid.BareHub.dll", "--urls", url],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" },
            Path.Combine(options.OutDir, "logs", "barehub.log"), url + "/health");
        var started = await hub.StartAsync(TimeSpan.FromSeconds(60));
        Console.WriteLine($"Bare SignalR hub (pid {hub.Pid}) ready in {started.TotalSeconds:F1} s at {url}");
        var system = new BareHubSystem(url);
        foreach (var (index, (_, label, plan)) in scenarios.Index())
        {
            Console.WriteLine($"{label} — bare SignalR hub");
            var meter = new ResourceMeter()
                .Add("server: bare hub", () => hub.Pid)
                .Add("client: harness", () => Environment.ProcessId);
            report.Fanout(label, await MeasureAsync(system, plan, meter, options, run, options.WarmupFor(index)));
        }
    }
}
