using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace CaseGrid.Harness;

/// <summary>The benchmark's PostgreSQL: its processes (for CPU), its restart (for the fault scenario), and reads of the event log.</summary>
internal sealed partial class Postgres(HarnessOptions options)
{
    /// <summary>The postmaster (found by the port it listens on) and its backends.</summary>
    public IReadOnlyList<int> Pids()
    {
        var listing = Run("ss", $"-Hltnp sport = :{options.PgPort}").Output;
        var match = PidPattern().Match(listing);
        if (!match.Success)
        {
            return [];
        }

        var postmaster = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return [postmaster, .. ProcStat.Children(postmaster)];
    }

    /// <summary>deploy/pg.sh stop or start (fast shutdown: open sessions are cut).</summary>
    public (int ExitCode, string Output) Control(string command) => Run(options.PgControl, command);

    public NpgsqlDataSource Open() => NpgsqlDataSource.Create(options.Connection);

    /// <summary>
    /// Run <paramref name="sql"/> for case numbers 0 to <paramref name="count"/> − 1 in batches of 10,000, with
    /// <paramref name="parameters"/> as $1… and each batch's first and last number as the two that follow.
    /// </summary>
    public static async Task CopyInBatchesAsync(NpgsqlDataSource db, string sql, int count, params NpgsqlParameter[] parameters)
    {
        for (var from = 0; from < count; from += 10_000)
        {
            await using var cmd = db.CreateCommand(sql);
            cmd.CommandTimeout = 600;
            foreach (var p in parameters)
            {
                cmd.Parameters.Add(p.Clone());
            }

            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = from });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Min(count, from + 10_000) - 1 });
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static (int ExitCode, string Output) Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidPattern();
}
