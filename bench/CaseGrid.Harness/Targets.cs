using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>
/// CaseGrid's performance targets, each checked against what this run measured: met, not met, or not measured (the
/// scenario or the peer did not run). A figure measured under other conditions than the target's (fewer cases, the
/// small plan) is shown with them and is not counted as met.
/// </summary>
internal static class Targets
{
    public static readonly string[] Header = ["target", "measured", "result"];

    public const string NotMeasured = "not measured";

    public static List<string[]> Rows(
        IReadOnlyList<(string Scenario, FanoutResult Result)> fanout,
        IReadOnlyDictionary<string, (double Value, string Conditions, bool AtTarget)> figures,
        IReadOnlyList<(string Title, string[] Header, List<string[]> Rows)> tables)
    {
        var rows = new List<string[]>();
        (FanoutResult? CaseGrid, FanoutResult? Peer) Pair(string tag) =>
            (fanout.FirstOrDefault(f => f.Scenario.StartsWith(tag, StringComparison.Ordinal) && f.Result.System == "CaseGrid").Result,
             fanout.FirstOrDefault(f => f.Scenario.StartsWith(tag, StringComparison.Ordinal) && f.Result.System == "Hocuspocus").Result);
        var scenarios = new[] { ("(a)", "meeting"), ("(b)", "1,000 connections"), ("(c)", "group of 200") };
        // Against the peer: latency, CPU and memory.
        foreach (var (tag, name) in scenarios.Take(2))
        {
            var (c, p) = Pair(tag);
            rows.Add(Compare($"send→delivery p50 ≤ Hocuspocus's, {tag} {name}", c, p, r => r.SendToDelivery.P50, "ms", 1.0));
        }

        foreach (var (tag, name) in scenarios)
        {
            var (c, p) = Pair(tag);
            rows.Add(Compare($"send→delivery p99 ≤ ½ Hocuspocus's, {tag} {name}", c, p, r => r.SendToDelivery.P99, "ms", 0.5));
        }

        foreach (var (tag, name) in scenarios)
        {
            var (c, p) = Pair(tag);
            rows.Add(Compare($"server CPU per edit ≤ 1.5 × Hocuspocus's, {tag} {name}", c, p, Report.CpuPerEdit, "ms", 1.5));
        }

        var (c1000, p1000) = Pair("(b)");
        rows.Add(Compare("server RSS ≤ 2 × Hocuspocus's at 1,000 connections", c1000, p1000, r => Report.Server(r, x => x.RssBytes ?? 0) / 1048576.0, "MiB", 2.0));

        // Sustained durable edits.
        var sustained = fanout.Where(f => f.Result.System == "CaseGrid" && f.Result.Plan.Writers > 0).Select(f => f.Result).ToList();
        rows.Add(sustained.Count == 0
            ? ["≥ 8,000 durable edits/s with p99 acknowledgement ≤ 50 ms, (f)", "–", NotMeasured]
            : [
                "≥ 8,000 durable edits/s with p99 acknowledgement ≤ 50 ms, (f)",
                string.Join("; ", sustained.Select(r => $"{r.EditsPerSecond:F0}/s, p99 {r.SendToAck.P99:F1} ms ({r.Plan.Writers} writers, {r.Plan.Groups} cases)")),
                Met(sustained.Any(r => r.EditsPerSecond >= 8000 && r.SendToAck.P99 <= 50)),
            ]);

        // Cold activation: the figure (e) reports, or its table's rows read defensively.
        foreach (var (events, limit) in new[] { (1000, 5.0), (10_000, 20.0) })
        {
            var label = $"cold activation of a {events:N0}-event case, first read p99 ≤ {limit:F0} ms, (e)";
            var p99 = figures.TryGetValue(Report.ColdP99(events), out var f) ? f.Value : ColdFromTables(tables, events);
            rows.Add(double.IsNaN(p99) ? [label, "–", NotMeasured] : [label, $"{p99:F1} ms", Met(p99 <= limit)]);
        }

        var idleLabel = "≤ 20 KiB per active case at 100,000 realistic cases, (d)";
        rows.Add(figures.TryGetValue(Report.IdleKiBPerCase, out var idle)
            ? [idleLabel, $"{idle.Value:F1} KiB at {idle.Conditions}", idle.AtTarget ? Met(idle.Value <= 20) : $"{(idle.Value <= 20 ? "under" : "over")} the limit, but not at the target's conditions"]
            : [idleLabel, "–", NotMeasured]);
        return rows;
    }

    private static string Met(bool met) => met ? "met" : "**not met**";

    private static string[] Compare(string target, FanoutResult? c, FanoutResult? p, Func<FanoutResult, double> figure, string unit, double factor)
    {
        if (c is null || p is null)
        {
            return [target, c is null ? "–" : $"CaseGrid {figure(c):F2} {unit}; no Hocuspocus run", NotMeasured];
        }

        var (mine, theirs) = (figure(c), figure(p));
        return double.IsNaN(mine) || double.IsNaN(theirs) || theirs == 0
            ? [target, "–", NotMeasured]
            : [target, $"CaseGrid {mine:F2} {unit}, Hocuspocus {theirs:F2} {unit} (×{mine / theirs:F2})", Met(mine <= factor * theirs)];
    }

    /// <summary>
    /// The p99 of the first reads of <paramref name="events"/>-event cases from (e)'s table, where it has one: a column
    /// whose name holds "p99" (of the first read, if several), on the row whose "events" column is that count.
    /// </summary>
    private static double ColdFromTables(IReadOnlyList<(string Title, string[] Header, List<string[]> Rows)> tables, int events)
    {
        foreach (var (title, header, rows) in tables.Where(t => t.Title.StartsWith("(e)", StringComparison.Ordinal)))
        {
            var p99 = Array.FindIndex(header, h => h.Contains("p99", StringComparison.OrdinalIgnoreCase) && h.Contains("first", StringComparison.OrdinalIgnoreCase));
            p99 = p99 >= 0 ? p99 : Array.FindIndex(header, h => h.Contains("p99", StringComparison.OrdinalIgnoreCase));
            var count = Array.FindIndex(header, h => h.Contains("events", StringComparison.OrdinalIgnoreCase));
            if (p99 < 0)
            {
                continue;
            }

            foreach (var row in rows)
            {
                var n = count >= 0 && count < row.Length ? Number(row[count]) : title.Contains($"{events:N0} events", StringComparison.Ordinal) ? events : double.NaN;
                if (n == events && p99 < row.Length && Number(row[p99]) is var value && !double.IsNaN(value))
                {
                    return value;
                }
            }
        }

        return double.NaN;
    }

    private static double Number(string text) =>
        double.TryParse(text.Replace(",", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN;
}
