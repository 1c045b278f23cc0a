using System.Reflection;
using Npgsql;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// Applies CaseGrid's PostgreSQL schema (the files in <c>deploy/sql</c>, embedded at build) at start-up.
/// Every file is idempotent and runs its own transaction; a session advisory lock keeps silos that start
/// together from racing.
/// </summary>
public static class SchemaMigrator
{
    private const long LockKey = 0x43415345_47524944; // "CASEGRID"
    private const string Prefix = "casegrid.sql.";

    /// <summary>The schema files, in the order they are applied.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Apply every schema file, in order.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
        {
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            foreach (var name in ScriptNames)
            {
                await using var cmd = new NpgsqlCommand(await ReadAsync(name, cancellationToken), connection);
                await cmd.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<string> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Schema file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
