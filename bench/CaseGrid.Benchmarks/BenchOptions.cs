namespace CaseGrid.Benchmarks;

/// <summary>Command-line options: --connection, --cases, --concurrency, --seconds, --warmup.</summary>
internal sealed record BenchOptions(string ConnectionString, int Cases, int Concurrency, int Seconds, int WarmupSeconds)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            BenchDatabase.Connection(Arg("--connection")),
            int.Parse(Arg("--cases") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Arg("--concurrency") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Arg("--seconds") ?? "20", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Arg("--warmup") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
    }
}
