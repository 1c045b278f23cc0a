namespace CaseGrid.Harness;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
internal sealed record Latency(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly Latency None = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static Latency Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0
            ? None
            : new Latency(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted[^1]);
    }

    public string Describe() => Count == 0 ? "no samples" : $"p50 {P50:F2}  p95 {P95:F2}  p99 {P99:F2}  max {Max:F2} ms";

    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    private static double At(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
