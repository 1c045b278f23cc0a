using System.Diagnostics;
using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>
/// The cost curve: how CaseGrid's costs grow with what it holds. (1) One group of 10, 100 and 1,000 members, every member
/// a real SignalR client, a few of them editing at a fixed rate: deliveries/s, latency, server CPU and RSS per size (on the
/// bare hub too, when it is among the systems). (2) 1,000, 10,000 and 100,000 active cases (copies of the (d) plan,
/// activated by a read each) under a sustained hub edit load of <see cref="HarnessOptions.Writers"/> writers, each on a
/// case of its own among the active ones: durable edits/s, acknowledgement latency and RSS per size.
/// </summary>
internal sealed class CurveScenarios(HarnessOptions options, string run, Report report)
{
    public async Task RunAsync()
    {
        await GroupsAsync();
        await ActiveCasesAsync();
    }

    private async Task GroupsAsync()
    {
        var rows = new List<string[]>();
        var hosts = new CaseGridHosts(options, run);
        await using (var host = hosts.SiloHost("casegrid-curve-groups", 7))
        {
            await host.StartAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"cost curve (1): one group of {string.Join(" / ", options.CurveGroups)} members at {options.CurveRate:F0} edits/s — CaseGrid silo host pid {host.Pid}");
            var postgres = new Postgres(options);
            using var system = new CaseGridSystem("CaseGrid", [hosts.Url(7)], run);
            foreach (var size in options.CurveGroups)
            {
                var meter = new ResourceMeter()
                    .Add("server: CaseGrid silo host", () => host.Pid)
                    .AddCpuOnly("postgres", postgres.Pids)
                    .Add("client: harness", () => Environment.ProcessId);
                rows.Add(GroupRow(size, await MeasureGroupAsync(system, size, meter)));
                system.Forget();
            }
        }

        if (options.Systems.Contains("bare"))
        {
            var url = $"http://127.0.0.1:{options.HttpBase + 31}";
            await using var hub = new ServerProcess("barehub-curve", options.BareDir, "dotnet", ["CaseGrid.BareHub.dll", "--urls", url],
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" },
                Path.Combine(options.OutDir, "logs", "barehub-curve.log"), url + "/health");
            await hub.StartAsync(TimeSpan.FromSeconds(60));
            var system = new BareHubSystem(url);
            foreach (var size in options.CurveGroups)
            {
                var meter = new ResourceMeter().Add("server: bare hub", () => hub.Pid).Add("client: harness", () => Environment.ProcessId);
                rows.Add(GroupRow(size, await MeasureGroupAsync(system, size, meter)));
            }
        }

        report.Table($"Cost curve (1): one group, every member connected, {options.CurveEditors} editing at {options.CurveRate:F0} edits/s",
            ["members", "system", "edits/s", "deliveries/s", "delivered", "ack→delivery p50 ms", "p99", "send→delivery p50 ms", "p99", "send→ack p99 ms", "server CPU (cores)", "server RSS MiB", "client CPU", "errors"],
            rows);
    }

    private async Task<FanoutResult> MeasureGroupAsync(ILiveSystem system, int size, ResourceMeter meter)
    {
        Console.WriteLine($"  one group of {size:N0} — {system.Name}");
        var result = await FanoutScenarios.MeasureAsync(system, new FanoutPlan(1, size, Math.Min(options.CurveEditors, size), options.CurveRate, null, TimeSpan.Zero), meter, options, run);
        Report.Print(result);
        return result;
    }

    private static string[] GroupRow(int size, FanoutResult r)
    {
        var client = r.Resources.Processes.FirstOrDefault(p => p.Name.StartsWith("client", StringComparison.Ordinal));
        return
        [
            size.ToString("N0", CultureInfo.InvariantCulture), r.System, Report.F(r.EditsPerSecond), Report.F(r.DeliveriesPerSecond, "F0"),
            r.DeliveriesExpected == 0 ? "–" : $"{100.0 * r.Deliveries / r.DeliveriesExpected:F2} %",
            Report.F(r.AckToDelivery.P50, "F2"), Report.F(r.AckToDelivery.P99, "F2"), Report.F(r.SendToDelivery.P50, "F2"), Report.F(r.SendToDelivery.P99, "F2"),
            Report.F(r.SendToAck.P99, "F2"), Report.F(Report.Server(r, x => x.Cores), "F2"), Report.MiB((long)Report.Server(r, x => x.RssBytes ?? 0)),
            client is null ? "–" : Report.F(client.Cores, "F2"), r.Errors.Values.Sum().ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>
    /// One silo host; for each size in turn, the copies up to it are made and activated, then the writers edit for the
    /// warm-up and the measured window, each on its own case spread over the active ones (other cases at each size).
    /// </summary>
    private async Task ActiveCasesAsync()
    {
        var hosts = new CaseGridHosts(options, run);
        await using var host = hosts.SiloHost("casegrid-curve-cases", 8);
        await host.StartAsync(TimeSpan.FromSeconds(120));
        var url = hosts.Url(8);
        using var rest = new CaseGridRest(url);
        Console.WriteLine($"cost curve (2): {string.Join(" / ", options.CurveCases.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} active cases, {options.Writers} writers — CaseGrid silo host pid {host.Pid}");
        var admin = await rest.TokenAsync($"u-{run}-admin", "Benk Admin", CaseGridRest.AdminRole);
        var template = await CaseTemplate.MakeAsync(rest, admin, $"curve-{run}", options.IdleTemplate);
        Console.WriteLine($"  template {template.CaseId}: a {template.Kind} plan of {template.Events} events");
        var postgres = new Postgres(options);
        var rows = new List<string[]>();
        var active = 0;
        for (var s = 0; s < options.CurveCases.Length; s++)
        {
            var size = options.CurveCases[s];
            var clock = Stopwatch.StartNew();
            await template.DefineAsync(admin, size);
            await using (var db = postgres.Open())
            {
                await template.CopyAsync(db, Path.Combine(options.PkiDir, "master.key"), active, size);
            }

            var copied = clock.Elapsed;
            var activation = await template.ActivateAsync(active, size);
            var activated = size - active;
            active = size;
            var rssActive = ProcStat.Rss(host.Pid);
            Console.WriteLine($"  {size:N0} active: {activated:N0} copied in {copied.TotalSeconds:F1} s and activated in {activation.TotalSeconds:F1} s ({activated / activation.TotalSeconds:F0}/s); host RSS {rssActive / 1048576.0:F0} MiB");

            // Each writer on a case of its own, spread evenly over the active cases; a different sample at each size.
            var writers = Math.Min(options.Writers, size);
            var stride = size / writers;
            List<int> Sample(int offset) => [.. Enumerable.Range(0, writers).Select(w => (w * stride) + (offset % stride))];
            var plan = new FanoutPlan(writers, 2, 1, 0, null, TimeSpan.Zero, writers);
            ResourceMeter Meter() => new ResourceMeter()
                .Add("server: CaseGrid silo host", () => host.Pid)
                .AddCpuOnly("postgres", postgres.Pids)
                .Add("client: harness", () => Environment.ProcessId);
            if (s == 0)
            {
                // A host's first seconds of edits run while the JIT still compiles and optimises the hot path ((f) run alone
                // reaches 50–65 % of a warmed host's rate): one pass on other cases first, not counted, so the smallest size
                // is not measured on a colder host than the others.
                Console.WriteLine("  a pass to warm the host up, not counted:");
                await FanoutScenarios.MeasureAsync(new CopiedCasesSystem(url, template, Sample(stride - 1)), plan, Meter(), options, $"{run}-warm");
            }

            // A coordinator has 100 cases, so writers of two passes can be the same user: each pass's edit ids (the
            // commands' idempotency keys) are its own.
            var result = await FanoutScenarios.MeasureAsync(new CopiedCasesSystem(url, template, Sample(s)), plan, Meter(), options, $"{run}-{size}");
            Report.Print(result);
            var database = result.Resources.Processes.FirstOrDefault(p => p.Name == "postgres");
            rows.Add(
            [
                size.ToString("N0", CultureInfo.InvariantCulture), template.Events.ToString(CultureInfo.InvariantCulture), Report.F(activated / activation.TotalSeconds, "F0"),
                Report.MiB(rssActive), writers.ToString(CultureInfo.InvariantCulture), Report.F(result.EditsPerSecond, "F0"),
                Report.F(result.SendToAck.P50, "F2"), Report.F(result.SendToAck.P99, "F2"), Report.F(result.AckToDelivery.P99, "F2"),
                Report.F(Report.Server(result, x => x.Cores), "F2"), Report.F(Report.CpuPerEdit(result), "F3"), database is null ? "–" : Report.F(database.Cores, "F2"),
                Report.MiB((long)Report.Server(result, x => x.RssBytes ?? 0)), result.Errors.Values.Sum().ToString(CultureInfo.InvariantCulture),
            ]);
        }

        report.Table($"Cost curve (2): active cases (a {template.Kind} plan of {template.Events} events each) under a sustained hub edit load, each writer on its own case",
            ["active cases", "events each", "activation reads/s", "RSS after activation MiB", "writers", "durable edits/s", "send→ack p50 ms", "p99", "ack→delivery p99 ms", "server CPU (cores)", "server CPU ms per edit", "PostgreSQL CPU", "RSS after load MiB", "errors"],
            rows);
    }
}
