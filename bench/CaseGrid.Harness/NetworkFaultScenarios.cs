using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CaseGrid.Harness;

/// <summary>
/// Network faults under load, on the namespaces deploy/faults.sh made (this process runs in its "client" namespace):
/// 2 silos, 2 API hosts and PostgreSQL each on an address of their own, 200 edits/s with watchers on both API hosts.
/// Each fault is injected, shown to hold by probes (a cut path answers nothing, the paths it spares still do), held,
/// healed and shown healed; then: acknowledged edits lost and applied twice (the event log, read with the cases' keys),
/// appends the event log's key rejected (a second writer for a version: PostgreSQL's log), how long after the heal the
/// last watcher was behind, the longest wait for one case's acknowledgement, and the errors the clients saw — those
/// the server did not expect (a hub call's internal error, the 500 of the hub) apart.
/// </summary>
internal sealed class NetworkFaultScenarios(HarnessOptions options, string run, Report report)
{
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(20);
    private const double Rate = 200;
    private readonly List<string[]> _rows = [];
    private readonly List<string> _broken = [];

    /// <summary>What did not hold that must: an acknowledged edit lost, a cut that did not cut or heal, watchers not current again.</summary>
    public IReadOnlyList<string> Broken => _broken;

    private sealed record Probe(Func<string> What, Func<Task<bool>> Reachable)
    {
        public Probe(string what, Func<Task<bool>> reachable)
            : this(() => what, reachable)
        {
        }
    }

    private sealed record Fault(string Name, Func<Task<string>> Inject, Func<Task> Heal, Probe[] Cut, Probe[] Spared, TimeSpan Hold);

    public async Task RunAsync()
    {
        var control = options.NetControl ?? throw new ArgumentException("--net-control (deploy/faults.sh) is required for netfaults");
        var subnet = options.NetSubnet ?? throw new ArgumentException("--net-subnet is required for netfaults");
        var prefix = Environment.GetEnvironmentVariable("CASEGRID_FAULTS_PREFIX") ?? throw new ArgumentException("run netfaults through deploy/faults.sh");
        var addresses = new Dictionary<string, int> { ["pg"] = 2, ["silo1"] = 11, ["silo2"] = 12, ["api1"] = 21, ["api2"] = 22 };
        CaseGridHosts.Placement Place(string node) => new($"{prefix}-{node}", $"{subnet}.{addresses[node]}");

        var hosts = new CaseGridHosts(options, run);
        var (silos, apis, cluster) = hosts.NamespacedCluster(Place);
        try
        {
            await Task.WhenAll(silos.Select(s => s.StartAsync(TimeSpan.FromSeconds(180))));
            await Task.WhenAll(apis.Select(a => a.StartAsync(TimeSpan.FromSeconds(180))));
            var urls = apis.Select(a => a.HealthUrl[..a.HealthUrl.IndexOf("/health", StringComparison.Ordinal)]).ToArray();
            Console.WriteLine($"Network faults under load — silos at {Place("silo1").Address} and {Place("silo2").Address}, API hosts at {string.Join(" and ", urls)}, PostgreSQL at {Place("pg").Address}, each in its own network namespace");
            using var system = new CaseGridSystem("CaseGrid cluster", urls, run);
            var plan = new FanoutPlan(40, 5, 1, Rate, null, TimeSpan.FromSeconds(60));
            Console.WriteLine($"  each fault on {plan.Groups} new cases of {plan.Members} members over both API hosts (a case holds at most 500 goals): {plan.Rate} edits/s, each edit retried for up to {plan.RetryFor.TotalSeconds:F0} s");

            Task<bool> Reach(string from, string to, int port) => ControlAsync(control, "probe", from, to, port.ToString(CultureInfo.InvariantCulture)).ContinueWith(t => t.Result.Ok, TaskScheduler.Default);
            async Task<string> Inject(params string[][] commands)
            {
                var said = new List<string>();
                foreach (var command in commands)
                {
                    var (ok, output) = await ControlAsync(control, command);
                    said.Add(ok ? output.Trim() : throw new InvalidOperationException($"faults.sh {string.Join(' ', command)} failed: {output}"));
                }

                return string.Join("; ", said.Where(s => s.Length > 0).Distinct());
            }

            Task Heal() => ControlAsync(control, "heal");
            const int SiloPort = CaseGridHosts.Placement.SiloPort;
            const int GatewayPort = CaseGridHosts.Placement.GatewayPort;
            const int PgPort = 5432;
            var pgAnswers = new Probe("PostgreSQL answers a query within 2 s", PgAnswersAsync);
            var ping = "";
            var slowProbe = new Probe(() => $"api1 -> silo1: 100 pings, {ping.Split(' ')[0]} % lost, {ping.Split(' ').ElementAtOrDefault(1)} ms average", async () =>
            {
                ping = (await ControlAsync(control, "ping", "api1", "silo1")).Output.Trim();
                return !SlowLink(ping);
            });
            Fault[] faults =
            [
                new("silo2 cut off from silo1 (not from PostgreSQL)", () => Inject(["cut", "silo2", "silo1"]), Heal,
                    [new("silo2 -> silo1:silo port", () => Reach("silo2", "silo1", SiloPort)), new("silo1 -> silo2:silo port", () => Reach("silo1", "silo2", SiloPort))],
                    [new("silo2 -> PostgreSQL", () => Reach("silo2", "pg", PgPort)), new("api1 -> silo2:gateway", () => Reach("api1", "silo2", GatewayPort))], Hold),
                new("silo2 cut off from PostgreSQL", () => Inject(["cut", "silo2", "pg"]), Heal,
                    [new("silo2 -> PostgreSQL", () => Reach("silo2", "pg", PgPort))],
                    [new("silo2 -> silo1:silo port", () => Reach("silo2", "silo1", SiloPort)), new("silo1 -> PostgreSQL", () => Reach("silo1", "pg", PgPort))], Hold),
                new("API hosts <-> silos slow and lossy (200 ms, 5 % loss)",
                    () => Inject(["slow", "api1", "silo1"], ["slow", "api1", "silo2"], ["slow", "api2", "silo1"], ["slow", "api2", "silo2"]), Heal,
                    [slowProbe],
                    [new("api1 -> PostgreSQL", () => Reach("api1", "pg", PgPort))], Hold),
                new("PostgreSQL stalled 10 s (SIGSTOP, SIGCONT)", () => Inject(["stall-pg"]).ContinueWith(t => $"{t.Result} server processes stopped", TaskScheduler.Default),
                    () => ControlAsync(control, "resume-pg"), [pgAnswers], [new("api1 -> silo1:gateway", () => Reach("api1", "silo1", GatewayPort))], TimeSpan.FromSeconds(10)),
            ];

            foreach (var fault in faults)
            {
                await RunFaultAsync(fault, system, plan);
            }

            // A rolling upgrade: each silo, then each API host, stopped (SIGTERM: it leaves the cluster in order) and
            // started again from the new build, the next one only once it is healthy.
            if (options.NewBuildDir is { } newBuild)
            {
                var processes = new[] { (silos, 0, "silo1"), (silos, 1, "silo2"), (apis, 0, "api1"), (apis, 1, "api2") };
                foreach (var (set, index, node) in processes)
                {
                    var old = set[index];
                    var next = hosts.Namespaced(node, Place(node), cluster, Path.Combine(newBuild, node.StartsWith("silo", StringComparison.Ordinal) ? "silo" : "api"));
                    set[index] = next;
                    await RunFaultAsync(new Fault($"rolling upgrade: {node} restarted from the new build", async () =>
                    {
                        var clock = Stopwatch.StartNew();
                        await old.StopAsync(TimeSpan.FromSeconds(30));
                        var stopped = clock.Elapsed;
                        var started = await next.StartAsync(TimeSpan.FromSeconds(180));
                        return $"stopped in {stopped.TotalSeconds:F1} s (SIGTERM), the new build healthy {started.TotalSeconds:F1} s later";
                    }, () => Task.CompletedTask, [], [], TimeSpan.Zero), system, plan);
                }
            }
        }
        finally
        {
            await ControlAsync(control, "heal");
            await ControlAsync(control, "resume-pg");
            foreach (var process in apis.Concat(silos))
            {
                await process.StopAsync(TimeSpan.FromSeconds(20));
            }
        }

        report.Table($"Network faults under load (2 silos, 2 API hosts, PostgreSQL, each in its own network namespace; {Rate:F0} edits/s over 40 cases (new for each fault) with 4 watchers each, spread over both API hosts; editors retry)",
            ["fault", "injected", "probes while it held (cut / spared)", "edits acknowledged", "lost", "applied twice", "appends rejected by the log's key",
             "every watcher current s after the heal", "longest wait for one case's acknowledgement s", "errors seen by clients", "unexpected (500-like) errors"], _rows);
    }

    private async Task RunFaultAsync(Fault fault, CaseGridSystem system, FanoutPlan plan)
    {
        Console.WriteLine($"  fault: {fault.Name}");
        // Cases of its own for each fault: what earlier faults wrote does not fill them, and every check is this fault's.
        system.Forget();
        await using var fanout = await FanoutRun.ConnectAsync(system, plan, run);
        var before = await Task.WhenAll(fault.Cut.Concat(fault.Spared).Select(p => p.Reachable()));
        if (!before.All(b => b))
        {
            throw new InvalidOperationException($"{fault.Name}: a probe fails before the fault: {string.Join(", ", fault.Cut.Concat(fault.Spared).Where((_, i) => !before[i]).Select(p => p.What()))}");
        }

        fanout.Recorder.ClearErrors();
        var rejectedBefore = RejectedAppends();
        // The load runs from before the fault until some time after its heal, however long the fault takes to inject.
        using var stopLoad = new CancellationTokenSource();
        var load = fanout.DriveAsync(TimeSpan.FromMinutes(10), stopLoad.Token);
        await Task.Delay(Before);
        var at = Stopwatch.GetTimestamp();
        using var watch = new CancellationTokenSource();
        var behind = FaultScenarios.WatchBehindAsync(system, fanout.Recorder, watch.Token);
        var injected = await fault.Inject();
        Console.WriteLine($"    injected: {injected}");

        var cut = await Task.WhenAll(fault.Cut.Select(p => p.Reachable()));
        var spared = await Task.WhenAll(fault.Spared.Select(p => p.Reachable()));
        var probes = fault.Cut.Length + fault.Spared.Length == 0 ? "–" : string.Join(", ", fault.Cut.Select((p, i) => $"{p.What()}: {(cut[i] ? "REACHED" : "cut")}"))
            + " / " + string.Join(", ", fault.Spared.Select((p, i) => $"{p.What()}: {(spared[i] ? "reached" : "CUT")}"));
        Console.WriteLine($"    probes while it holds: {probes}");
        var remaining = fault.Hold - Stopwatch.GetElapsedTime(at);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        await fault.Heal();
        var healedAt = Stopwatch.GetTimestamp();
        var healed = await Task.WhenAll(fault.Cut.Select(p => p.Reachable()));
        Console.WriteLine($"    healed after {Stopwatch.GetElapsedTime(at).TotalSeconds:F1} s; probes: {(healed.All(h => h) ? "every path reached again" : "SOME PATH STILL CUT")}");
        await Task.Delay(After);
        await stopLoad.CancelAsync();
        await load;
        var current = await FaultScenarios.WaitCurrentAsync(system, fanout.Recorder);
        await watch.CancelAsync();
        var lastBehind = await behind;
        var sinceHeal = lastBehind <= healedAt ? 0 : Stopwatch.GetElapsedTime(healedAt, lastBehind).TotalSeconds;

        var acked = fanout.Recorder.Acknowledged(measuredOnly: false);
        var (lost, twice) = await EventLogCheck.CheckAsync(options, acked);
        if (cut.Any(c => c) || spared.Any(s => !s) || !healed.All(h => h))
        {
            _broken.Add($"{fault.Name}: the probes do not show the fault as injected and healed ({probes})");
        }

        if (lost > 0)
        {
            _broken.Add($"{fault.Name}: {lost} acknowledged edits lost");
        }

        if (!current)
        {
            _broken.Add($"{fault.Name}: watchers not current within the wait after the heal");
        }

        if (twice > 0)
        {
            _broken.Add($"{fault.Name}: {twice} edits applied twice");
        }

        var rejected = RejectedAppends() - rejectedBefore;
        var pause = acked.Where(e => e.Ack >= at).GroupBy(e => e.CaseId)
            .Select(c => c.Select(e => e.Ack).Order().Prepend(at).Zip(c.Select(e => e.Ack).Order(), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).Max())
            .DefaultIfEmpty(double.NaN).Max();
        var errors = new Dictionary<string, int>(fanout.Recorder.Errors);
        var unexpected = errors.Where(e => Unexpected(e.Key)).ToList();
        var errorText = errors.Count == 0 ? "none" : string.Join("; ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value}"));
        var unexpectedText = unexpected.Count == 0 ? "none" : string.Join("; ", unexpected.Select(e => $"{e.Key} ×{e.Value}"));
        if (unexpected.Count > 0)
        {
            _broken.Add($"{fault.Name}: errors the server did not mean ({unexpectedText})");
        }

        Console.WriteLine($"    {acked.Count} edits acknowledged; {lost} lost, {twice} applied twice, {(rejected is { } r ? r.ToString(CultureInfo.InvariantCulture) : "?")} appends rejected by the log's key; " +
            $"every watcher current {(current ? $"{sinceHeal:F1} s after the heal" : "NOT within the wait")}; longest wait for an acknowledgement {pause:F1} s");
        Console.WriteLine($"    errors: {errorText}; unexpected: {unexpectedText}");
        _rows.Add([fault.Name, injected, probes + (healed.All(h => h) ? "; all reached after the heal" : "; NOT all reached after the heal"),
            acked.Count.ToString(CultureInfo.InvariantCulture), lost.ToString(CultureInfo.InvariantCulture), twice.ToString(CultureInfo.InvariantCulture),
            rejected is { } n ? n.ToString(CultureInfo.InvariantCulture) : "–", current ? Report.F(sinceHeal) : "not current", Report.F(pause), errorText, unexpectedText]);
    }

    /// <summary>An error the server did not mean: a hub method's internal error (what a 500 is over HTTP), or a 500 itself.</summary>
    private static bool Unexpected(string error) =>
        error.Contains("HubException", StringComparison.Ordinal) || error.Contains("500", StringComparison.Ordinal) || error.Contains("internal", StringComparison.OrdinalIgnoreCase);

    /// <summary>"loss% avg_ms" from faults.sh ping: slow when some packets were lost or the round trip took 150 ms or more.</summary>
    private static bool SlowLink(string output)
    {
        var parts = output.Trim().Split(' ');
        var loss = parts.Length > 0 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var l) ? l : 100;
        var rtt = parts.Length > 1 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var r) ? r : 0;
        return loss > 0 || rtt >= 150;
    }

    private async Task<bool> PgAnswersAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.Connection) { Timeout = 2, CommandTimeout = 2, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await connection.OpenAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand("SELECT 1", connection);
            await cmd.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Appends the event log's primary key has refused so far: PostgreSQL logs each unique violation.</summary>
    private long? RejectedAppends()
    {
        if (options.PgLog is not { } file || !File.Exists(file))
        {
            return null;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        long count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("violates unique constraint \"case_events_pkey\"", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private static Task<(bool Ok, string Output)> ControlAsync(string control, params string[] arguments) => Task.Run(() =>
    {
        var start = new ProcessStartInfo(control) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0, output.Result + errors);
    });
}
