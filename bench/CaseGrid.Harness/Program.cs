using System.Globalization;
using System.Runtime.InteropServices;
using CaseGrid.Harness;

// CaseGrid's benchmark harness: runs CaseGrid (and, side by side, a bare SignalR hub and Hocuspocus) as separate
// processes on this machine, drives them through real clients, and prints per scenario throughput, latency from an
// edit's acknowledgement to its delivery at every member, memory and CPU. Run it through deploy/bench.sh.
if (args is ["member", ..])
{
    await MemberProcess.RunAsync(args[1..]);
    return 0;
}

var options = HarnessOptions.Parse(args);
string[] postgresOnly = ["idle", "work", "faults", "netfaults", "curve"];
if (options.AzureConnection is not null && options.Scenarios.Intersect(postgresOnly).ToList() is { Count: > 0 } unsupported)
{
    // These scenarios copy cases' rows in PostgreSQL, or drive the PostgreSQL cluster's faults.
    Console.Error.WriteLine($"on Azure Storage the harness runs meeting, fanout, board, throughput and cold; not {string.Join(", ", unsupported)}");
    return 2;
}

var run = Guid.NewGuid().ToString("N")[..6];
var report = new Report();
Directory.CreateDirectory(options.OutDir);
Console.WriteLine($"CaseGrid benchmark harness, run {run}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {ProcStat.LoadAverage():F1} (other users' work included)");
Console.WriteLine($"store: {(options.AzureConnection is null ? "PostgreSQL" : "Azure Storage (Azurite, the local emulator)")}");
Console.WriteLine($"scenarios: {string.Join(", ", options.Scenarios)}; systems: {string.Join(", ", options.Systems)}; {options.Seconds.TotalSeconds:F0} s measured after {options.Warmup.TotalSeconds:F0} s warm-up per fan-out scenario ({options.WarmupFor(0).TotalSeconds:F0} s for the first on each server process)");

await new FanoutScenarios(options, run, report).RunAsync();
var activation = new ActivationScenarios(options, run, report);
if (options.Scenarios.Contains("idle"))
{
    await activation.IdleAsync();
}

if (options.Scenarios.Contains("cold"))
{
    await activation.ColdAsync();
}

if (options.Scenarios.Contains("work"))
{
    await new WorkScenarios(options, run, report).RunAsync();
}

if (options.Scenarios.Contains("curve"))
{
    await new CurveScenarios(options, run, report).RunAsync();
}

if (options.Scenarios.Contains("faults"))
{
    await new FaultScenarios(options, run, report).RunAsync();
}

var broken = new List<string>();
if (options.Scenarios.Contains("netfaults"))
{
    var network = new NetworkFaultScenarios(options, run, report);
    await network.RunAsync();
    broken.AddRange(network.Broken);
}

var markdown = report.Markdown();
var file = Path.Combine(options.OutDir, $"results-{DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}-{run}.md");
await File.WriteAllTextAsync(file, markdown);
Console.WriteLine();
Console.WriteLine("## Results (markdown)");
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"(also written to {file})");
foreach (var failure in broken)
{
    Console.WriteLine($"FAILED: {failure}");
}

return broken.Count == 0 ? 0 : 1;
