using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CaseGrid.Harness;

/// <summary>
/// Faults under load on deploy/cluster.sh's layout (2 silos, 2 API hosts, clients spread over both hosts): kill a
/// silo, kill an API host, restart PostgreSQL, pause a client process. For each: acknowledged edits missing from the
/// event log in PostgreSQL (must be 0), time until every client is current again, the longest pause in
/// acknowledgements, and the errors the clients saw.
/// </summary>
internal sealed class FaultScenarios(HarnessOptions options, string run, Report report)
{
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private readonly List<string[]> _rows = [];

    public async Task RunAsync()
    {
        await KillServerSideBySideAsync();
        var hosts = new CaseGridHosts(options, run);
        var (silos, apis) = hosts.Cluster(10);
        try
        {
            await Task.WhenAll(silos.Select(s => s.StartAsync(TimeSpan.FromSeconds(120))));
            await Task.WhenAll(apis.Select(a => a.StartAsync(TimeSpan.FromSeconds(120))));
            var urls = new[] { hosts.Url(12), hosts.Url(13) };
            Console.WriteLine($"Faults under load — 2 silos (pids {silos[0].Pid}, {silos[1].Pid}) and 2 API hosts (pids {apis[0].Pid}, {apis[1].Pid}) on one PostgreSQL");
            using var system = new CaseGridSystem("CaseGrid cluster", urls, run);
            var plan = new FanoutPlan(20, 10, 1, 40, null, TimeSpan.FromSeconds(60));
            await using var fanout = await FanoutRun.ConnectAsync(system, plan, run);
            Console.WriteLine($"  {plan.Connections} members joined over both API hosts in {fanout.ConnectTime.TotalSeconds:F1} s; {plan.Rate} edits/s in {plan.Groups} groups, edits retried for up to {plan.RetryFor.TotalSeconds:F0} s");
            await fanout.DriveAsync(Before);

            await FaultAsync("kill an API host (SIGKILL api2)", system, fanout, () => apis[1].KillAsync());
            await apis[1].StartAsync(TimeSpan.FromSeconds(120));
            await FaultAsync("kill a silo (SIGKILL silo2)", system, fanout, () => silos[1].KillAsync());
            await silos[1].StartAsync(TimeSpan.FromSeconds(120));
            await FaultAsync("restart PostgreSQL (pg.sh stop; pg.sh start)", system, fanout, RestartPostgresAsync);
            await PauseClientAsync(system, fanout, urls);
        }
        finally
        {
            foreach (var process in apis.Concat(silos))
            {
                await process.StopAsync(TimeSpan.FromSeconds(20));
            }
        }

        report.Table("Faults under load (2 silos, 2 API hosts, 200 clients, 40 edits/s, editors retry)",
            ["fault", "acknowledged edits", "acknowledged edits lost", "every client current again after s", "longest pause in one case's acknowledgements s", "errors seen by clients"], _rows);
    }

    /// <summary>
    /// Durability side by side: the one server process of each system killed (SIGKILL) 15 s into 20 editors' 40 edits/s;
    /// then every edit it had acknowledged is looked for where the system keeps it.
    /// </summary>
    private async Task KillServerSideBySideAsync()
    {
        const int Groups = 20;
        const double Rate = 40;
        var killAfter = TimeSpan.FromSeconds(15);
        var rows = new List<string[]>();
        var hosts = new CaseGridHosts(options, run);
        Console.WriteLine("Durability side by side: the server process killed (SIGKILL) under 40 edits/s");
        await using (var host = hosts.SiloHost("casegrid-kill", 4))
        {
            await host.StartAsync(TimeSpan.FromSeconds(120));
            using var system = new CaseGridSystem("CaseGrid", [hosts.Url(4)], run);
            await using var fanout = await FanoutRun.ConnectAsync(system, new FanoutPlan(Groups, 2, 1, Rate, null, TimeSpan.Zero), run);
            var load = fanout.DriveAsync(killAfter + TimeSpan.FromSeconds(3));
            await Task.Delay(killAfter);
            await host.KillAsync();
            await load;
            var acked = fanout.Recorder.Acknowledged(measuredOnly: false);
            var lost = await LostAsync(acked);
            Console.WriteLine($"  CaseGrid silo host: {acked.Count} edits acknowledged before the kill, {lost} missing from PostgreSQL");
            rows.Add(["CaseGrid (silo host; the event log in PostgreSQL)", acked.Count.ToString(CultureInfo.InvariantCulture), lost.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.Systems.Contains("hocuspocus"))
        {
            var (acked, lost) = await new PeerHocuspocus(options, run, report).KillServerAsync(Groups, Rate, killAfter);
            Console.WriteLine($"  Hocuspocus: {acked} edits acknowledged before the kill, {lost} missing after its restart");
            rows.Add(["Hocuspocus + SQLite (default store debounce)", acked.ToString(CultureInfo.InvariantCulture), lost.ToString(CultureInfo.InvariantCulture)]);
        }

        report.Table("Durability side by side: the server process killed (SIGKILL) 15 s into 40 edits/s over 20 documents",
            ["system", "edits acknowledged before the kill", "acknowledged edits lost"], rows);
    }

    private async Task FaultAsync(string name, CaseGridSystem system, FanoutRun fanout, Func<Task> fault)
    {
        Console.WriteLine($"  fault: {name}");
        fanout.Recorder.ClearErrors();
        var load = fanout.DriveAsync(Before + After);
        await Task.Delay(Before);
        var at = Stopwatch.GetTimestamp();
        using var watch = new CancellationTokenSource();
        var behind = WatchBehindAsync(system, fanout.Recorder, watch.Token);
        await fault();
        Console.WriteLine($"    injected in {Stopwatch.GetElapsedTime(at).TotalSeconds:F1} s");
        await load;
        var current = await WaitCurrentAsync(system, fanout.Recorder);
        await watch.CancelAsync();
        var lastBehind = await behind;
        var recovery = lastBehind == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(at, lastBehind);
        await RecordAsync(name, fanout.Recorder, at, current, recovery, fanout.Recorder.Errors);
    }

    private async Task RestartPostgresAsync()
    {
        var postgres = new Postgres(options);
        var stop = postgres.Control("stop");
        var start = postgres.Control("start");
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg.sh start failed: {stop.Output}\n{start.Output}");
        }

        await Task.CompletedTask;
    }

    /// <summary>
    /// Nine members of a case of their own run in a child process, which is stopped (SIGSTOP) for the pause while its
    /// case's editor goes on editing, then continued: how long until it holds every acknowledged edit again.
    /// </summary>
    private async Task PauseClientAsync(CaseGridSystem system, FanoutRun fanout, string[] urls)
    {
        var name = $"pause a client process for {options.Pause.TotalSeconds:F0} s (SIGSTOP, SIGCONT)";
        Console.WriteLine($"  fault: {name}");
        fanout.Recorder.ClearErrors();
        var groupId = (await system.PrepareAsync(1, 10))[0];
        var (scope, caseId) = CaseGridSystem.Split(groupId);
        var editor = (CaseGridMember)await system.ConnectAsync(groupId, 0, 0, fanout.Recorder);
        var tokens = new List<string>();
        for (var m = 1; m < 10; m++)
        {
            tokens.Add(await system.Rest.TokenAsync(CaseGridSystem.UserId(run, scope, 0, m), $"Medlem 0-{m}"));
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(MemberProcess).Assembly.Location, "member", "--urls", string.Join(',', urls), "--case", caseId, "--tokens", string.Join(',', tokens) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var versions = new ConcurrentDictionary<int, long>();
        var childErrors = new ConcurrentDictionary<string, int>();
        var ready = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "READY")
                {
                    ready.TrySetResult();
                }
                else if (line.StartsWith("V ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    versions[int.Parse(parts[1], CultureInfo.InvariantCulture)] = long.Parse(parts[2], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("E ", StringComparison.Ordinal))
                {
                    childErrors.AddOrUpdate($"paused client: {line[2..]}", 1, (_, n) => n + 1);
                }
            }
        });
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The paused case's editor adds 2 edits a second alongside the rest of the load.
        using var stopEditing = new CancellationTokenSource();
        var edits = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            while (await timer.WaitForNextTickAsync(stopEditing.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
            {
                var edit = fanout.Recorder.Begin(1000, 0, 10);
                try
                {
                    if (await editor.EditAsync(edit, CancellationToken.None) is { } refused)
                    {
                        fanout.Recorder.Error($"edit failed: {refused}");
                    }
                }
                catch (Exception e)
                {
                    fanout.Recorder.Error($"edit failed: {e.GetType().Name}");
                }
            }
        });
        var load = fanout.DriveAsync(Before + options.Pause + TimeSpan.FromSeconds(15));
        await Task.Delay(Before);
        var at = Stopwatch.GetTimestamp();
        Native.Signal(child.Id, Native.SigStop);
        await Task.Delay(options.Pause);
        var target = editor.LastVersion;
        Native.Signal(child.Id, Native.SigCont);
        var resumed = Stopwatch.GetTimestamp();
        var caughtUp = TimeSpan.Zero;
        var current = false;
        while (Stopwatch.GetElapsedTime(resumed) < Settle)
        {
            if (versions.Count == 9 && versions.Values.All(v => v >= target))
            {
                caughtUp = Stopwatch.GetElapsedTime(resumed);
                current = true;
                break;
            }

            await Task.Delay(20);
        }

        await load;
        await stopEditing.CancelAsync();
        await edits;
        var final = editor.LastVersion;
        var settled = Stopwatch.StartNew();
        while (!(versions.Count == 9 && versions.Values.All(v => v >= final)) && settled.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        current &= versions.Count == 9 && versions.Values.All(v => v >= final);
        Native.Signal(child.Id, Native.SigKill);
        await child.WaitForExitAsync();
        await reader;
        Console.WriteLine($"    paused client held version {target} of its case {caughtUp.TotalSeconds:F2} s after it was continued; at the end {string.Join(",", versions.Values.Order())} of {final}");
        var errors = new Dictionary<string, int>(fanout.Recorder.Errors);
        foreach (var (kind, count) in childErrors)
        {
            errors[kind] = count;
        }

        await RecordAsync(name, fanout.Recorder, at, current && (await WaitCurrentAsync(system, fanout.Recorder)), caughtUp, errors,
            $"paused client caught up {caughtUp.TotalSeconds:F2} s after SIGCONT");
    }

    /// <summary>Until cancelled: the last moment some client was disconnected or lacked an edit acknowledged more than a second before.</summary>
    internal static async Task<long> WatchBehindAsync(CaseGridSystem system, EditRecorder recorder, CancellationToken cancellationToken)
    {
        long last = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Behind(system, recorder, CaseGridMember.GapWait) > 0)
                {
                    last = Stopwatch.GetTimestamp();
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return last;
    }

    /// <summary>Clients not connected, or lacking an edit of their case that was acknowledged at least <paramref name="grace"/> ago.</summary>
    internal static int Behind(CaseGridSystem system, EditRecorder recorder, TimeSpan grace)
    {
        var now = Stopwatch.GetTimestamp();
        var acked = recorder.Acknowledged(measuredOnly: false)
            .Where(e => e.CaseId is not null && Stopwatch.GetElapsedTime(e.Ack, now) >= grace)
            .GroupBy(e => e.CaseId!)
            .ToDictionary(g => g.Key, g => g.Max(e => e.Version));
        return system.Members.Count(m => !m.Connected || (acked.TryGetValue(m.CaseId, out var version) && m.LastVersion < version));
    }

    internal static async Task<bool> WaitCurrentAsync(CaseGridSystem system, EditRecorder recorder)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Settle)
        {
            if (Behind(system, recorder, TimeSpan.Zero) == 0)
            {
                return true;
            }

            await Task.Delay(100);
        }

        Console.WriteLine($"    {Behind(system, recorder, TimeSpan.Zero)} clients still behind after {Settle.TotalSeconds:F0} s");
        return false;
    }

    private async Task RecordAsync(string name, EditRecorder recorder, long faultAt, bool current, TimeSpan recovery, IReadOnlyDictionary<string, int> errors, string? note = null)
    {
        var acked = recorder.Acknowledged(measuredOnly: false);
        var lost = await LostAsync(acked);
        // Per case: the longest time without an acknowledgement from the fault on (the case's editor keeps trying).
        var pause = acked.Where(e => e.Ack >= faultAt).GroupBy(e => e.CaseId)
            .Select(c => c.Select(e => e.Ack).Order().Prepend(faultAt).Zip(c.Select(e => e.Ack).Order(), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).Max())
            .DefaultIfEmpty(double.NaN).Max();
        var errorText = errors.Count == 0 ? "none" : string.Join("; ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value}"));
        Console.WriteLine($"    {acked.Count} edits acknowledged so far, {lost} missing from PostgreSQL; every client current {(current ? $"{recovery.TotalSeconds:F1} s after the fault" : "NOT within the wait")}; longest pause in one case's acknowledgements {pause:F1} s");
        Console.WriteLine($"    errors: {errorText}");
        _rows.Add([name, acked.Count.ToString(CultureInfo.InvariantCulture), lost.ToString(CultureInfo.InvariantCulture),
            current ? Report.F(recovery.TotalSeconds) + (note is null ? "" : $" ({note})") : "not current", Report.F(pause), errorText]);
    }

    private async Task<int> LostAsync(IReadOnlyList<EditRecorder.Edit> acked) => (await EventLogCheck.CheckAsync(options, acked)).Lost;
}
