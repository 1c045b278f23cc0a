namespace CaseGrid.Benchmarks;

/// <summary>
/// Where an in-process benchmark finds its PostgreSQL and secrets: the application role's connection string
/// (<c>--connection</c> or CASEGRID_BENCH_CONNECTION), the migration role's (CASEGRID_BENCH_MIGRATION_CONNECTION), and
/// the master key (CASEGRID_BENCH_MASTER_KEY_FILE, default .local/pki/master.key). No password is built in.
/// </summary>
internal static class BenchDatabase
{
    private const string Hint =
        "run from the repository root after: deploy/pg.sh start && deploy/certs.sh make && " +
        "export CASEGRID_BENCH_CONNECTION=\"$(deploy/pg.sh url)\" CASEGRID_BENCH_MIGRATION_CONNECTION=\"$(deploy/pg.sh url migration)\"";

    /// <summary>The application role's connection string.</summary>
    public static string Connection(string? fromArguments) =>
        fromArguments ?? Environment.GetEnvironmentVariable("CASEGRID_BENCH_CONNECTION")
            ?? throw new InvalidOperationException($"No connection string: {Hint}");

    /// <summary>The settings of a benchmark's own silo besides the application connection: schema, master key.</summary>
    public static Dictionary<string, string?> Settings(string connection)
    {
        var masterKey = Path.GetFullPath(Environment.GetEnvironmentVariable("CASEGRID_BENCH_MASTER_KEY_FILE") ?? Path.Combine(".local", "pki", "master.key"));
        if (!File.Exists(masterKey))
        {
            throw new InvalidOperationException($"No master key at {masterKey}: {Hint}");
        }

        return new()
        {
            ["ConnectionStrings:casegrid"] = connection,
            ["ConnectionStrings:migrations"] = Environment.GetEnvironmentVariable("CASEGRID_BENCH_MIGRATION_CONNECTION")
                ?? throw new InvalidOperationException($"No migration connection string: {Hint}"),
            ["CaseGrid:Secrets:MasterKeyFile"] = masterKey,
        };
    }
}
