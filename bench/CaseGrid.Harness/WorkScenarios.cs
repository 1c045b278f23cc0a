using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace CaseGrid.Harness;

/// <summary>
/// (g) What needs me, among many cases: one user who is a member of 200 cases (and owns an area with an open proposal in
/// each, so 200 items) among 100,000 active cases whose officers have 100 cases each. Measured: (1) reading the user's
/// list over REST, one reader and eight at once; (2) with the user's page open (a SignalR client joined to its list),
/// the time from an event that needs the user (a proposal on an area they own) to the item in the pushed list, while
/// the system takes 200 edits/s: goals on the other cases, the proposals, and the user's answers that take the items away.
/// </summary>
internal sealed class WorkScenarios(HarnessOptions options, string run, Report report)
{
    private const int CasesPerUnit = 100;
    private const int Reads = 2000;

    public async Task RunAsync()
    {
        var hosts = new CaseGridHosts(options, run);
        await using var host = hosts.SiloHost("casegrid-work", 5);
        await host.StartAsync(TimeSpan.FromSeconds(120));
        var url = hosts.Url(5);
        using var rest = new CaseGridRest(url);
        var mine = Math.Min(options.WorkUserCases, options.WorkCases);
        var others = options.WorkCases - mine;
        var units = Math.Max(1, (others + CasesPerUnit - 1) / CasesPerUnit);
        Console.WriteLine($"(g) what needs me: a user with {mine} cases among {options.WorkCases:N0} — CaseGrid silo host pid {host.Pid}; {units:N0} prisons of {CasesPerUnit} cases");

        var prefix = $"w{run}";
        var admin = await rest.TokenAsync($"u-{run}-admin", "Benk Admin", CaseGridRest.AdminRole);
        string Unit(int k) => $"{prefix}-u{k}";
        string Home(int k) => $"{prefix}-h{k}";
        string Officer(int k) => $"u-{prefix}-o{k}";
        var userId = $"u-{prefix}-me";

        // A prison and a municipality per 100 cases: a unit's index holds its own cases, as in a real country.
        await Parallel.ForEachAsync(Enumerable.Range(0, units), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (k, _) =>
        {
            await rest.DefineUnitAsync(admin, Unit(k), $"Fengsel {k}", "Prison");
            await rest.DefineUnitAsync(admin, Home(k), $"Kommune {k}", "Municipality");
            await rest.AddStaffAsync(admin, Unit(k), Officer(k), $"Betjent {k}");
        });
        await rest.AddStaffAsync(admin, Unit(0), userId, "Meg Selv");
        var tokens = new ConcurrentDictionary<string, Task<string>>(StringComparer.Ordinal);
        Task<string> Token(string id) => tokens.GetOrAdd(id, u => rest.TokenAsync(u, u));
        var me = await Token(userId);
        var officer0 = await Token(Officer(0));

        // Two template cases made through REST: the user's (a member owning housing, with a proposal awaiting their
        // answer) and everyone else's; their logs are copied in PostgreSQL with the ids rewritten.
        var mineTemplate = await rest.OpenCaseAsync(officer0, Unit(0), Home(0), $"P-{prefix}-mine");
        await rest.AddMemberAsync(officer0, mineTemplate, userId, "Meg Selv");
        await rest.IdentifyAsync(officer0, mineTemplate, "housing", userId);
        await rest.ProposeAsync(officer0, mineTemplate, "housing", "Søknad om kommunal bolig");
        var otherTemplate = await rest.OpenCaseAsync(officer0, Unit(0), Home(0), $"P-{prefix}-other");
        var clock = Stopwatch.StartNew();
        await using (var db = new Postgres(options).Open())
        {
            await CopyAsync(db, mineTemplate, $"{prefix}-mine-", mine, null, null, null);
            await CopyAsync(db, otherTemplate, $"{prefix}-other-", others, Unit(0), Home(0), Officer(0));
        }

        Console.WriteLine($"  copied the templates to {options.WorkCases:N0} cases in {clock.Elapsed.TotalSeconds:F1} s; activating every case by a read as its officer");
        clock.Restart();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.WorkCases), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var (caseId, reader) = i < mine ? ($"{prefix}-mine-{i}", userId) : ($"{prefix}-other-{i - mine}", Officer((i - mine) / CasesPerUnit));
            await rest.GetCaseAsync(await Token(reader), caseId);
            if (Interlocked.Increment(ref done) % 20_000 == 0)
            {
                Console.WriteLine($"  … {done:N0} activated ({done / clock.Elapsed.TotalSeconds:F0}/s)");
            }
        });
        Console.WriteLine($"  activated {options.WorkCases:N0} cases in {clock.Elapsed.TotalSeconds:F1} s");

        // Wait for the user's list to hold an item from each of their cases (one-way messages settle).
        var items = 0;
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(500))
        {
            items = (await rest.GetTimedAsync(me, "/api/v1/me/work")).Body["items"]!.AsArray().Count;
            if (items >= mine)
            {
                break;
            }
        }

        Console.WriteLine($"  the user's list holds {items} items");
        await ReadAsync(rest, me, mine, items);
        await LiveAsync(rest, url, me, userId, mine, others, Officer, Token, host.Pid);
    }

    /// <summary>GET /api/v1/me/work: warm-up, then one reader, then eight at once.</summary>
    private async Task ReadAsync(CaseGridRest rest, string me, int mine, int items)
    {
        for (var i = 0; i < 200; i++)
        {
            await rest.GetTimedAsync(me, "/api/v1/me/work");
        }

        var single = new List<double>();
        for (var i = 0; i < Reads; i++)
        {
            single.Add((await rest.GetTimedAsync(me, "/api/v1/me/work")).Took.TotalMilliseconds);
        }

        var parallel = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Reads), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            parallel.Add((await rest.GetTimedAsync(me, "/api/v1/me/work")).Took.TotalMilliseconds));
        var one = Latency.Of(single);
        var eight = Latency.Of(parallel);
        Console.WriteLine($"  GET /me/work ({items} items), one reader : {one.Describe()}");
        Console.WriteLine($"  GET /me/work ({items} items), 8 at once  : {eight.Describe()} ({Reads / wall.Elapsed.TotalSeconds:F0} reads/s)");
        report.Table($"(g1) reading what needs me: a user with {mine} cases ({items} items) among {options.WorkCases:N0} active cases, GET /api/v1/me/work over HTTP",
            ["readers", "reads", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [
                ["1", one.Count.ToString(CultureInfo.InvariantCulture), Report.F(one.P50, "F2"), Report.F(one.P95, "F2"), Report.F(one.P99, "F2"), Report.F(one.Max, "F2")],
                ["8", eight.Count.ToString(CultureInfo.InvariantCulture), Report.F(eight.P50, "F2"), Report.F(eight.P95, "F2"), Report.F(eight.P99, "F2"), Report.F(eight.Max, "F2")],
            ]);
    }

    /// <summary>
    /// The user's page open on the live hub while the system takes <see cref="HarnessOptions.WorkRate"/> edits/s: of them
    /// <see cref="HarnessOptions.WorkItemRate"/>/s proposals on the user's cases (each an item for them), as many answers
    /// by the user once the item arrived (each takes an item away), and goals on the other cases for the rest.
    /// </summary>
    private async Task LiveAsync(CaseGridRest rest, string url, string me, string userId, int mine, int others, Func<int, string> officer, Func<string, Task<string>> token, int pid)
    {
        var arrived = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var answers = System.Threading.Channels.Channel.CreateUnbounded<(string CaseId, string ProposalId)>();
        var pushes = 0;
        var pushedBytes = 0L;
        await using var page = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(url), "hubs/case"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(me);
            })
            .Build();
        page.On<JsonElement>("WorkChanged", list =>
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref pushes);
            Interlocked.Add(ref pushedBytes, list.GetRawText().Length);
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                var id = item.GetProperty("itemId").GetString()!;
                if (arrived.TryAdd(id, at) && id.Contains(":proposal:", StringComparison.Ordinal))
                {
                    answers.Writer.TryWrite((item.GetProperty("caseId").GetString()!, item.GetProperty("refId").GetString()!));
                }
            }
        });
        await page.StartAsync();
        var joined = await page.InvokeAsync<JsonElement>("JoinWork");
        foreach (var item in joined.GetProperty("items").EnumerateArray())
        {
            arrived.TryAdd(item.GetProperty("itemId").GetString()!, 0);
        }

        // The items already there (one open proposal per case) are answered first by the same worker, as part of the load.
        foreach (var item in joined.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("action").GetString() == "proposal.answer"))
        {
            answers.Writer.TryWrite((item.GetProperty("caseId").GetString()!, item.GetProperty("refId").GetString()!));
        }

        var sent = new ConcurrentDictionary<string, (long Sent, long Acked)>(StringComparer.Ordinal);
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var officers = new string[Math.Max(1, (others + CasesPerUnit - 1) / CasesPerUnit)];
        for (var k = 0; k < officers.Length; k++)
        {
            officers[k] = await token(officer(k));
        }

        var officer0 = officers[0];
        var measuring = false;
        var total = options.Warmup + options.Seconds;
        var ticks = (int)(total.TotalSeconds * options.WorkRate);
        var itemEvery = Math.Max(1, (int)Math.Round(options.WorkRate / Math.Max(0.001, options.WorkItemRate)));
        var edits = 0;
        var inFlight = new List<Task>();
        var random = new Random(17);
        var meter = new ResourceMeter().Add("server: CaseGrid silo host", () => pid).Add("client: harness", () => Environment.ProcessId);
        var start = Stopwatch.GetTimestamp();
        ResourceUse? resources = null;
        for (var t = 0; t < ticks; t++)
        {
            var due = start + (long)(t * Stopwatch.Frequency / options.WorkRate);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (due - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }

            if (!measuring && Stopwatch.GetElapsedTime(start) >= options.Warmup)
            {
                measuring = true;
                meter.Start();
            }

            var measured = measuring;
            Task edit;
            if (t % itemEvery == 0)
            {
                var caseId = $"w{run}-mine-{random.Next(mine)}";
                edit = Run("proposal", async () =>
                {
                    var at = Stopwatch.GetTimestamp();
                    var proposalId = await rest.ProposeAsync(officer0, caseId, "housing", "Et forslag");
                    if (measured)
                    {
                        sent[$"{caseId}:proposal:{proposalId}"] = (at, Stopwatch.GetTimestamp());
                    }
                });
            }
            else if ((t % itemEvery) == itemEvery / 2 && answers.Reader.TryRead(out var answer))
            {
                edit = Run("answer", () => rest.AnswerAsync(me, answer.CaseId, answer.ProposalId, "Nei takk"));
            }
            else
            {
                var i = random.Next(Math.Max(1, others));
                edit = Run("goal", () => rest.AddGoalAsync(officers[i / CasesPerUnit], $"w{run}-other-{i}", $"Mål {t}"));
            }

            edits++;
            inFlight.Add(edit);
            inFlight.RemoveAll(x => x.IsCompleted);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        resources = meter.Stop();
        await Task.WhenAll(inFlight);
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(10) && sent.Keys.Any(k => !arrived.ContainsKey(k)))
        {
            await Task.Delay(100);
        }

        var fromAck = new List<double>();
        var fromSend = new List<double>();
        var early = 0;
        foreach (var (id, (sentAt, ackedAt)) in sent)
        {
            if (!arrived.TryGetValue(id, out var at))
            {
                continue;
            }

            early += at < ackedAt ? 1 : 0;
            fromAck.Add(Math.Max(0, (at - ackedAt) * 1000.0 / Stopwatch.Frequency));
            fromSend.Add((at - sentAt) * 1000.0 / Stopwatch.Frequency);
        }

        var ack = Latency.Of(fromAck);
        var send = Latency.Of(fromSend);
        var lost = sent.Count - fromAck.Count;
        Console.WriteLine($"  live: {edits} edits in {elapsed.TotalSeconds:F1} s ({edits / elapsed.TotalSeconds:F0}/s), {sent.Count} measured items, {lost} never arrived, {pushes} pushes ({pushedBytes / Math.Max(1, pushes) / 1024.0:F1} KiB each)");
        Console.WriteLine($"    event acknowledged → item on the page : {ack.Describe()} ({early} arrived before the acknowledgement, counted as 0)");
        Console.WriteLine($"    event sent → item on the page         : {send.Describe()}");
        Console.WriteLine($"    resources                            : {resources.Describe()}");
        if (!errors.IsEmpty)
        {
            Console.WriteLine($"    errors: {string.Join(", ", errors.Select(e => $"{e.Key} ×{e.Value}"))}");
        }

        report.Table($"(g2) an item reaching the user's open page (SignalR, JoinWork) at {options.WorkRate:F0} edits/s, {options.WorkItemRate:F0}/s of them items for the user",
            ["edits/s", "items measured", "never arrived", "ack → page p50 ms", "p95", "p99", "max", "send → page p99 ms", "push KiB", "server CPU"],
            [[Report.F(edits / elapsed.TotalSeconds, "F0"), sent.Count.ToString(CultureInfo.InvariantCulture), lost.ToString(CultureInfo.InvariantCulture),
              Report.F(ack.P50, "F2"), Report.F(ack.P95, "F2"), Report.F(ack.P99, "F2"), Report.F(ack.Max, "F2"), Report.F(send.P99, "F2"),
              Report.F(pushedBytes / Math.Max(1, pushes) / 1024.0), resources.Describe()]]);

        async Task Run(string kind, Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
            }
        }
    }

    // The template's rows once per new case id: the case id and the group id made unique, and (for the others) the
    // prison, the municipality and the officer rewritten, 100 cases to each; each copy sealed under its own key.
    private async Task CopyAsync(NpgsqlDataSource db, string template, string prefix, int cases, string? unit0, string? home0, string? officer0)
    {
        var copies = new SealedCopies(db, Path.Combine(options.PkiDir, "master.key"));
        var first = (await copies.ReadAsync(template))[0];
        var groupId = JsonDocument.Parse(first.Json).RootElement.GetProperty("groupId").GetString()!;
        string Rewrite(string json, int i) =>
            SealedCopies.Renumbered(json.Replace(groupId, $"{groupId}-{prefix}{i}", StringComparison.Ordinal), new[] { unit0, home0, officer0 }.OfType<string>(), i / CasesPerUnit);

        await copies.CopyAsync(template, cases, i => prefix + i, Rewrite, (actor, i) => actor == officer0 ? SealedCopies.Renumbered(actor, i / CasesPerUnit) : actor);
    }
}
