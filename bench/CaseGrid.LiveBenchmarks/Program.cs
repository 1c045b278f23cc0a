using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseGrid.Api;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Realtime;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;
using CaseGrid.Silo;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

// Live fan-out: N members in groups of M, each a real SignalR client over WebSockets to one CaseGrid host (silo +
// API, durable PostgreSQL), while one member of every group edits at a steady total rate. Measures the time from
// an edit's acknowledgement (the hub call returning) to its delivery at every member of the group.
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var connection = CaseGrid.Benchmarks.BenchDatabase.Connection(args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault());
var groups = Int("--groups", 100);
var members = Int("--members", 10);
var rate = Int("--rate", 200);
var seconds = Int("--seconds", 30);
var warmup = Int("--warmup", 5);
const int Port = 5390;

// Development: the development issuer, which hands the benchmark its tokens, exists only there; and the silo's ports
// see no one from outside this process, so it goes without cluster TLS.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
builder.Configuration.AddInMemoryCollection(CaseGrid.Benchmarks.BenchDatabase.Settings(connection));
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["CaseGrid:Cluster:ClusterId"] = $"livebench-{Guid.NewGuid():N}",
    ["CaseGrid:Cluster:SiloPort"] = "11311",
    ["CaseGrid:Cluster:GatewayPort"] = "30300",
    ["CaseGrid:Auth:DevIssuerEnabled"] = "true",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
builder.AddCaseGridSilo();
builder.AddCaseGridApi();
var app = builder.Build();
app.MapCaseGridApi();
await app.StartAsync();
var grains = app.Services.GetRequiredService<IGrainFactory>();
var issuer = app.Services.GetRequiredService<DevTokenIssuer>();

var run = Guid.NewGuid().ToString("N")[..6];
var unitId = $"livebench-{run}";
var unit = grains.GetGrain<IUnitGrain>(unitId);
await unit.DefineAsync("Benkfengsel", Agency.Prison, null);
var today = NorwegianTime.DateOf(DateTimeOffset.UtcNow);
var cases = new List<(string CaseId, List<ActorRef> Members)>();
for (var g = 0; g < groups; g++)
{
    var caseId = $"live-{run}-{g}";
    var people = Enumerable.Range(0, members).Select(m => new ActorRef($"lb-{run}-{g}-{m}", $"Medlem {g}-{m}")).ToList();
    await unit.SetStaffAsync(new UnitStaff(people[0].UserId, people[0].DisplayName, false));
    var grain = grains.GetGrain<ICaseGrain>(caseId);
    await Must(grain.ExecuteAsync(new OpenCase(new PersonRef($"P-{run}-{g}", "Benk Person"), CasePhase.Serving, unitId, new HomeMunicipality(unitId),
        new KeyDates(today.AddDays(-100), today.AddDays(40), today.AddDays(40), today.AddDays(200), today.AddDays(200)), MemberRole.Kontaktbetjent), people[0]));
    foreach (var p in people.Skip(1))
    {
        await Must(grain.ExecuteAsync(new AddMember(p.UserId, p.DisplayName, MemberRole.Other, Agency.Other, null, null), people[0]));
    }

    cases.Add((caseId, people));
}

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };
json.Converters.Add(new JsonStringEnumConverter());
var acks = new ConcurrentDictionary<(string, long), long>();
var sent = new ConcurrentDictionary<(string, long), long>();
var deliveries = new ConcurrentQueue<(string CaseId, long Version, long At)>();
var writers = new HubConnection[groups];
var all = new List<HubConnection>();
var connectClock = Stopwatch.StartNew();
foreach (var batch in cases.SelectMany((c, g) => c.Members.Select((m, i) => (c.CaseId, Member: m, Group: g, Index: i))).Chunk(50))
{
    await Task.WhenAll(batch.Select(async b =>
    {
        var token = issuer.Issue(b.Member.UserId, b.Member.DisplayName, [], null).Token;
        var hub = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{Port}{CaseHub.Path}", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = json)
            .Build();
        hub.On<string, CaseEventRecord[]>(nameof(ICaseClient.CaseEvents), (caseId, events) =>
        {
            var at = Stopwatch.GetTimestamp();
            foreach (var e in events)
            {
                deliveries.Enqueue((caseId, e.Version, at));
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<CaseJoined>(nameof(CaseHub.JoinCase), b.CaseId, 0L);
        lock (all)
        {
            all.Add(hub);
            if (b.Index == 0)
            {
                writers[b.Group] = hub;
            }
        }
    }));
}

Console.WriteLine($"CaseGrid live fan-out — {all.Count} WebSocket connections in {groups} groups of {members}, {rate} edits/s in total, {seconds} s after {warmup} s warm-up (connected in {connectClock.Elapsed.TotalSeconds:F1} s)");
var edits = 0;
var failures = 0;
async Task Drive(TimeSpan duration)
{
    // Every 5 ms, send whatever the target rate says is due: the pace holds even where timers are coarse.
    using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
    var clock = Stopwatch.StartNew();
    var inFlight = new List<Task>();
    var next = 0;
    while (clock.Elapsed < duration && await pace.WaitForNextTickAsync())
    {
        for (; next < rate * clock.Elapsed.TotalSeconds; next++)
        {
            var g = next % groups;
            inFlight.Add(Task.Run(() => EditAsync(g)));
        }
    }

    await Task.WhenAll(inFlight);
}

async Task EditAsync(int g)
{
    try
    {
        var body = JsonSerializer.SerializeToElement(new { code = "housing", text = "Mål" }, json);
        var started = Stopwatch.GetTimestamp();
        var outcome = await writers[g].InvokeAsync<CommandOutcome>(nameof(CaseHub.Execute), cases[g].CaseId, nameof(AddGoal), body, (string?)null);
        var at = Stopwatch.GetTimestamp();
        if (outcome.Error is null)
        {
            acks[(cases[g].CaseId, outcome.Version)] = at;
            sent[(cases[g].CaseId, outcome.Version)] = started;
            Interlocked.Increment(ref edits);
        }
        else
        {
            Interlocked.Increment(ref failures);
        }
    }
    catch (Exception)
    {
        Interlocked.Increment(ref failures);
    }
}

await Drive(TimeSpan.FromSeconds(warmup));
acks.Clear();
sent.Clear();
deliveries.Clear();
edits = 0;
var measured = Stopwatch.StartNew();
await Drive(TimeSpan.FromSeconds(seconds));
var elapsed = measured.Elapsed;

// Let the last pushes land (bounded), then match every delivery to its acknowledgement.
var expected = (long)acks.Count * members;
var settle = Stopwatch.StartNew();
while (deliveries.Count(d => acks.ContainsKey((d.CaseId, d.Version))) < expected && settle.Elapsed < TimeSpan.FromSeconds(10))
{
    await Task.Delay(100);
}

var latencies = deliveries
    .Where(d => acks.ContainsKey((d.CaseId, d.Version)))
    .Select(d => Math.Max(0, Stopwatch.GetElapsedTime(acks[(d.CaseId, d.Version)], d.At).TotalMilliseconds * (d.At >= acks[(d.CaseId, d.Version)] ? 1 : -1)))
    .Order()
    .ToList();
var endToEnd = deliveries
    .Where(d => sent.ContainsKey((d.CaseId, d.Version)))
    .Select(d => Stopwatch.GetElapsedTime(sent[(d.CaseId, d.Version)], d.At).TotalMilliseconds)
    .Order()
    .ToList();
var beforeAck = deliveries.Count(d => acks.TryGetValue((d.CaseId, d.Version), out var ack) && d.At < ack);
double P(double q) => Percentile(latencies, q);
var process = Process.GetCurrentProcess();
Console.WriteLine($"edits acknowledged : {edits} ({edits / elapsed.TotalSeconds:F0}/s), {failures} failed");
Console.WriteLine($"deliveries         : {latencies.Count} of {expected} expected ({(expected == 0 ? 0 : 100.0 * latencies.Count / expected):F2}%)");
Console.WriteLine($"ack → delivery ms  : p50 {P(0.50):F2}  p95 {P(0.95):F2}  p99 {P(0.99):F2}  max {(latencies.Count > 0 ? latencies[^1] : double.NaN):F2}");
Console.WriteLine($"                     ({beforeAck} deliveries, {(latencies.Count == 0 ? 0 : 100.0 * beforeAck / latencies.Count):F1}%, arrived before the writer's acknowledgement and count as 0)");
Console.WriteLine($"send → delivery ms : p50 {Percentile(endToEnd, 0.50):F2}  p95 {Percentile(endToEnd, 0.95):F2}  p99 {Percentile(endToEnd, 0.99):F2}  max {(endToEnd.Count > 0 ? endToEnd[^1] : double.NaN):F2}  (from the writer's call to every member, the writer included)");
Console.WriteLine($"memory             : working set {process.WorkingSet64 / 1048576} MiB, managed heap {GC.GetTotalMemory(false) / 1048576} MiB, CPU {process.TotalProcessorTime.TotalSeconds:F0} s");
await Task.WhenAll(all.Select(h => h.DisposeAsync().AsTask()));
await app.StopAsync();

static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

static async Task Must(Task<CommandResult> command)
{
    var result = await command;
    if (!result.Succeeded)
    {
        throw new InvalidOperationException($"Set-up was refused: {result.Error}");
    }
}
