using System.Globalization;
using Xunit.Abstractions;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A live view never goes silently stale: on two silos and two API hosts under about 200 edits/s, a silo is killed
/// at several moments — 10 s after its restart, 3 s and 6 s after it, during its own start-up — again and again,
/// and every watcher on either host holds the log's head within 5 s of every kill, and again as soon as the writes
/// stop; every answer tells the truth about its write. <c>CASEGRID_FAILOVER_TRIALS</c> sets the number of kills: 10
/// in the test command (two blocks of five, one per silo, about six minutes), 20 in <c>deploy/failover-bench.sh</c>,
/// whose result docs/benchmarks.md records. That also sets <c>CASEGRID_FAILOVER_STRICT=1</c>: every kill is held to
/// the 5 s. Without it, a kill whose failover itself took longer than 4 s — the cluster's speed on a starved machine,
/// which the benchmark measures — is held to every watcher being current 2 s after its cases could be read again.
/// </summary>
[Collection(ClusterProcesses.Collection)]
public sealed class LiveFailoverTests(ClusterProcesses cluster, ITestOutputHelper output)
{
    private const int DefaultTrials = 10;

    /// <summary>Within a block of five trials: the kill's moment after the restart, and whether it comes during start-up.</summary>
    private static readonly (double After, bool DuringStartUp)[] Pattern = [(10, false), (10, false), (3, false), (1.5, true), (6, false)];

    [Fact]
    public async Task Watchers_HoldTheHead_WithinFiveSecondsOfEverySiloKill()
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("CASEGRID_FAILOVER_TRIALS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultTrials;
        var strict = Environment.GetEnvironmentVariable("CASEGRID_FAILOVER_STRICT") == "1";
        await cluster.EnsureRunningAsync();
        await using var drill = await FailoverDrill.StartAsync(cluster);
        var results = new List<FailoverDrill.TrialResult>();
        int? dead = null;
        for (var i = 0; i < trials; i++)
        {
            // Blocks of five kills alternate between the silos; the first of a block kills the silo that has run
            // longest, 10 s after the other came back.
            var victim = i / Pattern.Length % 2 == 0 ? 2 : 1;
            var (after, duringStartUp) = Pattern[i % Pattern.Length];
            var restart = dead;
            var result = await drill.RunTrialAsync(victim, TimeSpan.FromSeconds(after), duringStartUp,
                () => restart is { } silo && !(duringStartUp && silo == victim) ? cluster.StartSiloAsync(silo) : Task.CompletedTask);
            dead = victim;
            output.WriteLine(result.ToString());
            results.Add(result);
        }

        await cluster.EnsureRunningAsync();
        Summarise("writes accepted again after a kill (s)", results);
        Summarise("writes accepted again after a kill that hit cases (s)", [.. results.Where(r => r.CasesHit > 0)]);
        output.WriteLine($"every watcher current within 5 s of the kill in {results.Count(r => r.CurrentWithinFiveSeconds)} of {results.Count} kills; " +
            $"current once its case could be read in {results.Count(r => r.CurrentOnceReadable)}; honest answers in {results.Count(r => r.Honest)}");
        Assert.All(results, r => Assert.True(r.Passed(strict), r.ToString()));
    }

    private void Summarise(string what, List<FailoverDrill.TrialResult> results)
    {
        var failovers = results.Where(r => r.Failover is not null).Select(r => r.Failover!.Value.TotalSeconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}, over {failovers.Count} of {results.Count} kills: p50 {Percentile(failovers, 0.50):F2}, p90 {Percentile(failovers, 0.90):F2}, p99 {Percentile(failovers, 0.99):F2}, max {failovers.LastOrDefault():F2}"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
